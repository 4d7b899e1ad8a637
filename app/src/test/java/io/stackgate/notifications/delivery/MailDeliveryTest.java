package io.stackgate.notifications.delivery;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.stackgate.identity.Caller;
import io.stackgate.identity.DevIdentity;
import io.stackgate.notifications.DeliveringApp;
import io.stackgate.notifications.Notifications;
import io.stackgate.support.Api;
import io.stackgate.support.Requests;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Notice mail over real SMTP (GreenMail in-process), sent by the delivery worker from the outbox: in the recipient's
 * language, retried after an SMTP failure until it goes out once, never twice after a crash between send and mark,
 * FAILED with its last error after the last attempt, and never for a muted kind.
 */
class MailDeliveryTest extends DeliveringApp {

    @Autowired
    Api api;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    DeliveryStore deliveries;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Notifications notifications;

    /** A little ahead of the wall clock: MySQL keeps whole seconds and may round a due time up. */
    private static Instant soon() {
        return Instant.now().plusSeconds(2);
    }

    @AfterEach
    void smtpBackUp() {
        smtpUp();
    }

    @Test
    void theRequesterGetsHerMailInHerLanguageWithTheRequestTenantAndLink() throws Exception {
        prefer("alice", "zh-CN", "alice@example.test");
        String inChinese = approvedRequest();
        worker.deliverDue(soon());
        // the language is the one she prefers when her mail is sent
        prefer("alice", "en", "alice@example.test");
        String inEnglish = approvedRequest();
        worker.deliverDue(soon());

        MimeMessage chinese = single(mailsAbout(inChinese));
        assertThat(chinese.getSubject()).isEqualTo("[Stackgate] 您的申请 " + inChinese + " 已批准（acme）");
        assertThat(chinese.getAllRecipients()[0].toString()).isEqualTo("alice@example.test");
        assertThat(text(chinese)).contains("资源正在创建", "https://portal.example.test/requests/" + inChinese);
        long notice = noticeId(inChinese, "REQUEST_APPROVED");
        assertThat(chinese.getMessageID()).isEqualTo("<stackgate-notice-" + notice + "-mail@stackgate>");

        MimeMessage english = single(mailsAbout(inEnglish));
        assertThat(english.getSubject()).isEqualTo("[Stackgate] Your request " + inEnglish + " was approved (acme)");
        assertThat(text(english)).contains("being made now", "https://portal.example.test/requests/" + inEnglish);
        assertThat(mail(noticeId(inEnglish, "REQUEST_APPROVED")).state()).isEqualTo(DeliveryStore.DELIVERED);
    }

    @Test
    void withoutAChosenLanguageTheMailIsInTheLanguageOfHerToken() throws Exception {
        assertThat(api.as("fiona").put("/api/notifications/preferences", Map.of("email", "fiona@example.test")).status())
                .isEqualTo(200);
        notifications.tokenLocaleSeen(new Caller(DevIdentity.subjectOf("fiona"), "fiona",
                Set.of("/tenants/acme/finance/managers"), Set.of("approver"), Set.of("acme")), "zh_CN");
        assertThat(api.as("fiona").get("/api/notifications/preferences").body().path("effectiveLocale").asText())
                .isEqualTo("zh-CN");
        String id = submit(api, "frank", "acme", "ledger", "vm", smallVm()).path("id").asText();

        worker.deliverDue(soon());

        MimeMessage mail = single(mailsAbout(id));
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("fiona@example.test");
        assertThat(mail.getSubject()).isEqualTo("[Stackgate] 申请 " + id + " 等待您审批（acme）");
        assertThat(text(mail)).contains("https://portal.example.test/inbox/");
    }

    @Test
    void aDeliveryIsRetriedAfterAnSmtpFailureAndThenSentExactlyOnce() throws Exception {
        prefer("alice", "en", "alice@example.test");
        String id = approvedRequest();
        long notice = noticeId(id, "REQUEST_APPROVED");
        Instant now = soon();
        SMTP.stop();

        worker.deliverDue(soon());

        DeliveryStore.Delivery failed = mail(notice);
        assertThat(failed.state()).isEqualTo(DeliveryStore.PENDING);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).startsWith("mail:");

        smtpUp();
        worker.deliverDue(soon());
        assertThat(mailsAbout(id)).as("not due before its back-off").isEmpty();

        worker.deliverDue(now.plus(Duration.ofMinutes(2)));
        worker.deliverDue(now.plus(Duration.ofHours(2)));

        assertThat(mailsAbout(id)).hasSize(1);
        assertThat(mail(notice).state()).isEqualTo(DeliveryStore.DELIVERED);
        assertThat(mail(notice).attempts()).isEqualTo(2);
    }

    @Test
    void aCrashBetweenSendingAndMarkingNeverSendsTheMailTwice() throws Exception {
        prefer("alice", "en", "alice@example.test");
        String id = approvedRequest();
        DeliveryStore.Delivery delivery = mail(noticeId(id, "REQUEST_APPROVED"));
        Instant now = soon();

        assertThat(worker.claim(delivery, now)).isTrue();
        worker.send(delivery);
        // the worker dies here: the mail went out, the row still says SENDING

        worker.deliverDue(soon());
        assertThat(mail(delivery.noticeId()).state()).as("its claim still runs").isEqualTo(DeliveryStore.SENDING);
        worker.deliverDue(now.plus(Duration.ofMinutes(10)));
        worker.deliverDue(now.plus(Duration.ofHours(3)));

        assertThat(mailsAbout(id)).hasSize(1);
        DeliveryStore.Delivery settled = mail(delivery.noticeId());
        assertThat(settled.state()).isEqualTo(DeliveryStore.UNCERTAIN);
        assertThat(settled.lastError()).contains("not sent again");
    }

    @Test
    void afterTheLastAttemptADeliveryIsFailedWithItsLastErrorAndNeverSent() throws Exception {
        prefer("alice", "en", "alice@example.test");
        String id = approvedRequest();
        long notice = noticeId(id, "REQUEST_APPROVED");
        Instant now = soon();
        SMTP.stop();

        for (int day = 0; day < 6; day++) {
            worker.deliverDue(now.plus(Duration.ofDays(day)));
        }
        smtpUp();
        worker.deliverDue(now.plus(Duration.ofDays(7)));

        DeliveryStore.Delivery failed = mail(notice);
        assertThat(failed.state()).isEqualTo(DeliveryStore.FAILED);
        assertThat(failed.attempts()).isEqualTo(6);
        assertThat(failed.lastError()).startsWith("mail:");
        assertThat(mailsAbout(id)).isEmpty();
    }

    @Test
    void aMutedKindIsNeitherMailedNorUnreadButStillListed() throws Exception {
        Api.Response muted = api.as("alice").put("/api/notifications/preferences",
                Map.of("locale", "en", "email", "alice@example.test", "mutedKinds", List.of("REQUEST_REJECTED")));
        assertThat(muted.status()).isEqualTo(200);
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();
        assertThat(api.as("bob").post("/api/tasks/" + taskId + "/reject", Map.of("comment", "no")).status()).isEqualTo(204);

        worker.deliverDue(soon());

        long notice = noticeId(id, "REQUEST_REJECTED");
        assertThat(deliveries.ofNotice(notice)).extracting(DeliveryStore.Delivery::channel).doesNotContain("mail")
                .as("the tenant's webhooks are the tenant's, not hers").contains("webhook:ops-feed");
        assertThat(mailsAbout(id)).isEmpty();
        assertThat(ids(api.as("alice").get("/api/notifications?unread=true&size=200"))).doesNotContain(notice);
        assertThat(ids(api.as("alice").get("/api/notifications?size=200"))).contains(notice);
        prefer("alice", "en", "alice@example.test");
    }

    private void prefer(String user, String locale, String email) {
        assertThat(api.as(user).put("/api/notifications/preferences", Map.of("locale", locale, "email", email)).status())
                .isEqualTo(200);
    }

    private String approvedRequest() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        Requests.approveAll(api, id);
        return id;
    }

    private long noticeId(String requestId, String kind) {
        return jdbc.sql("select id from notification where request_id = ? and kind = ?").params(requestId, kind)
                .query(Long.class).single();
    }

    private DeliveryStore.Delivery mail(long notice) {
        return deliveries.ofNotice(notice).stream().filter(d -> d.channel().equals("mail")).findFirst().orElseThrow();
    }

    private static List<MimeMessage> mailsAbout(String requestId) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(message -> {
            try {
                return message.getSubject().contains(requestId);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static MimeMessage single(List<MimeMessage> messages) {
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static String text(MimeMessage message) throws Exception {
        return String.valueOf(message.getContent());
    }

    private static List<Long> ids(Api.Response page) {
        return Requests.texts(page.body().path("items"), "id").stream().map(Long::valueOf).toList();
    }
}
