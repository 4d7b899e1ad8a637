package io.stackgate.notifications.quota;

import java.util.LinkedHashMap;
import java.util.Map;

import io.stackgate.identity.DirectoryUser;
import io.stackgate.notifications.NewNotice;
import io.stackgate.notifications.NoticeKind;
import io.stackgate.notifications.Notifications;
import io.stackgate.notifications.recipients.Recipients;
import io.stackgate.tenancy.ProjectUsage;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaReserved;
import io.stackgate.tenancy.QuotaService;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the tenant's admins when a reservation takes a project's use of its quota past 80 % in some dimension — once,
 * when it crosses (a reservation that starts and ends above 80 % says nothing new).
 */
@Component
class QuotaNotices {

    static final int THRESHOLD_PERCENT = 80;

    private final Notifications notifications;
    private final QuotaService quotas;
    private final Recipients recipients;

    QuotaNotices(Notifications notifications, QuotaService quotas, Recipients recipients) {
        this.notifications = notifications;
        this.quotas = quotas;
        this.recipients = recipients;
    }

    @EventListener
    void reserved(QuotaReserved reserved) {
        ProjectUsage usage = quotas.usage(reserved.tenantId(), reserved.projectId());
        Quota before = usage.used().minus(reserved.demand());
        Quota limit = usage.quota();
        String[] names = {"vcpus", "memoryMiB", "diskGiB", "gpus", "vms", "k8sNodes"};
        long[] used = amounts(usage.used());
        long[] was = amounts(before);
        long[] max = amounts(limit);
        int worst = -1;
        for (int i = 0; i < names.length; i++) {
            if (max[i] > 0 && over(used[i], max[i]) && !over(was[i], max[i])
                    && (worst < 0 || used[i] * max[worst] > used[worst] * max[i])) {
                worst = i;
            }
        }
        if (worst < 0) {
            return;
        }
        long percent = used[worst] * 100 / max[worst];
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("project", reserved.projectId());
        details.put("dimension", names[worst]);
        details.put("used", used[worst]);
        details.put("limit", max[worst]);
        details.put("percent", percent);
        for (DirectoryUser admin : recipients.tenantAdmins(reserved.tenantId())) {
            notifications.notify(new NewNotice(admin.id(), admin.username(), reserved.tenantId(),
                    NoticeKind.QUOTA_NEARLY_USED.name(), "project", reserved.projectId(), reserved.requestId(),
                    "Project " + reserved.projectId() + " uses " + used[worst] + " of " + max[worst] + " " + names[worst]
                            + " (" + percent + " %) after request " + reserved.requestId() + ".", details));
        }
    }

    private static boolean over(long used, long limit) {
        return used * 100 > limit * THRESHOLD_PERCENT;
    }

    private static long[] amounts(Quota quota) {
        return new long[] {quota.vcpus(), quota.memoryMiB(), quota.diskGiB(), quota.gpus(), quota.vms(), quota.k8sNodes()};
    }
}
