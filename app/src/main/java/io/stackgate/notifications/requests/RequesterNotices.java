package io.stackgate.notifications.requests;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.stackgate.notifications.NewNotice;
import io.stackgate.notifications.NoticeKind;
import io.stackgate.notifications.Notifications;
import io.stackgate.requests.RequestEvents.RequestStatusChanged;
import io.stackgate.requests.RequestService;
import io.stackgate.requests.RequestStatus;
import io.stackgate.requests.ResourceRequest;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the requester that her request was approved, rejected, completed or failed — with the status change, in its
 * transaction. (A cancellation is her own doing; nobody is told.)
 */
@Component
class RequesterNotices {

    private static final Set<RequestStatus> TOLD = Set.of(RequestStatus.APPROVED, RequestStatus.REJECTED,
            RequestStatus.COMPLETED, RequestStatus.FAILED);

    private final Notifications notifications;
    private final RequestService requests;

    RequesterNotices(Notifications notifications, RequestService requests) {
        this.notifications = notifications;
        this.requests = requests;
    }

    @EventListener
    void statusChanged(RequestStatusChanged changed) {
        if (!TOLD.contains(changed.status())) {
            return;
        }
        ResourceRequest request = requests.load(changed.requestId());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", changed.status().name());
        details.put("requestType", request.type().id());
        details.put("project", request.projectId());
        details.put("reason", changed.reason() == null ? "" : changed.reason());
        String recipient = request.requesterId() != null ? request.requesterId() : request.requester();
        notifications.notify(new NewNotice(recipient, request.requester(), request.tenantId(),
                "REQUEST_" + changed.status().name(), "request", request.id(), request.id(),
                "Your request " + request.id() + " is " + changed.status().name().toLowerCase(java.util.Locale.ROOT)
                        + (changed.reason() == null || changed.reason().isBlank() ? "." : ": " + changed.reason()),
                details));
    }
}
