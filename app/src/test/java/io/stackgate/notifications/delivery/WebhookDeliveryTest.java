package io.stackgate.notifications.delivery;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submit;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.notifications.DeliveringApp;
import io.stackgate.support.Api;
import io.stackgate.support.Requests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tenant's webhooks (acme's, in its tenants-config) receive its notices at a real HTTP receiver: the generic JSON
 * and the DingTalk, WeCom and Feishu robot shapes, signed where a secret is named, each with its Idempotency-Key;
 * retried after an error answer without the URL's token in the error; after a crash between send and mark only the
 * generic one (which can drop a repeat by its key) is sent again, with the same key.
 */
class WebhookDeliveryTest extends DeliveringApp {

    @Autowired
    Api api;
    @Autowired
    DeliveryWorker worker;
    @Autowired
    DeliveryStore deliveries;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ObjectMapper json;

    @AfterEach
    void receiverAnswersAgain() {
        HOOKS.answerOk("/dingtalk");
    }

    @Test
    void eachWebhookGetsItsShapeWithItsIdempotencyKeyAndSignature() throws Exception {
        String id = approvedRequest();
        long notice = noticeId(id, "REQUEST_APPROVED");

        worker.deliverDue(soon());

        Map<String, DeliveringApp.Receiver.Call> calls = callsAbout(id, notice);
        assertThat(calls).containsOnlyKeys("/generic", "/dingtalk", "/wecom", "/feishu");

        DeliveringApp.Receiver.Call generic = calls.get("/generic");
        JsonNode body = json.readTree(generic.body());
        assertThat(body.path("kind").asText()).isEqualTo("REQUEST_APPROVED");
        assertThat(body.path("tenant").asText()).isEqualTo("acme");
        assertThat(body.path("requestId").asText()).isEqualTo(id);
        assertThat(body.path("recipient").asText()).isEqualTo("alice");
        assertThat(body.path("link").asText()).isEqualTo("https://portal.example.test/requests/" + id);
        assertThat(body.at("/details/status").asText()).isEqualTo("APPROVED");
        assertThat(generic.header("Idempotency-Key")).isEqualTo("stackgate-notice-" + notice + "-webhook-ops-feed")
                .isEqualTo(body.path("idempotencyKey").asText());
        assertThat(generic.header("Content-Type")).startsWith("application/json");

        DeliveringApp.Receiver.Call ding = calls.get("/dingtalk");
        Map<String, String> query = query(ding.query());
        assertThat(query.get("access_token")).isEqualTo("ding-token");
        assertThat(query.get("sign")).isEqualTo(WebhookPayloads.hmac(DINGTALK_SECRET,
                query.get("timestamp") + "\n" + DINGTALK_SECRET));
        JsonNode dingBody = json.readTree(ding.body());
        assertThat(dingBody.path("msgtype").asText()).isEqualTo("markdown");
        assertThat(dingBody.at("/markdown/title").asText()).contains(id, "acme");
        assertThat(dingBody.at("/markdown/text").asText()).contains("https://portal.example.test/requests/" + id);
        assertThat(ding.header("Idempotency-Key")).isEqualTo("stackgate-notice-" + notice + "-webhook-ding");

        JsonNode weCom = json.readTree(calls.get("/wecom").body());
        assertThat(weCom.path("msgtype").asText()).isEqualTo("markdown");
        assertThat(weCom.at("/markdown/content").asText()).contains(id, "acme");

        JsonNode feishu = json.readTree(calls.get("/feishu").body());
        assertThat(feishu.path("msg_type").asText()).isEqualTo("text");
        assertThat(feishu.at("/content/text").asText()).contains(id, "acme");
        assertThat(feishu.path("sign").asText()).isEqualTo(WebhookPayloads.hmac(
                feishu.path("timestamp").asText() + "\n" + FEISHU_SECRET, ""));

        assertThat(deliveries.ofNotice(notice)).extracting(DeliveryStore.Delivery::state).containsOnly("DELIVERED");
        assertThat(String.join(" ", HOOKS.mentioning(id).stream().map(DeliveringApp.Receiver.Call::body).toList()))
                .as("no secret in any payload").doesNotContain(DINGTALK_SECRET, FEISHU_SECRET);
    }

    @Test
    void aWebhookOnlyForSomeKindsGetsNoOthers() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();

        worker.deliverDue(soon());

        assertThat(HOOKS.mentioning(id)).extracting(DeliveringApp.Receiver.Call::path)
                .as("approvers' notices go to the generic feed only").isNotEmpty().containsOnly("/generic");
    }

    @Test
    void anErrorAnswerIsRetriedAndItsErrorKeepsNoToken() {
        HOOKS.answer("/dingtalk", 500);
        String id = approvedRequest();
        long notice = noticeId(id, "REQUEST_APPROVED");
        Instant now = soon();

        worker.deliverDue(now);

        DeliveryStore.Delivery failed = channel(notice, "webhook:ding");
        assertThat(failed.state()).isEqualTo("PENDING");
        assertThat(failed.lastError()).isEqualTo("webhook ding answered HTTP 500");

        HOOKS.answerOk("/dingtalk");
        worker.deliverDue(now.plus(Duration.ofMinutes(5)));

        assertThat(channel(notice, "webhook:ding").state()).isEqualTo("DELIVERED");
        assertThat(HOOKS.mentioning(id).stream().filter(call -> call.path().equals("/dingtalk"))).hasSize(2);
        assertThat(DeliveryFailed.scrub("Connection refused: http://127.0.0.1:1/dingtalk?access_token=ding-token"))
                .doesNotContain("ding-token", "access_token=ding");
    }

    @Test
    void afterACrashBetweenSendAndMarkOnlyTheGenericWebhookIsSentAgainWithTheSameKey() throws Exception {
        String id = approvedRequest();
        long notice = noticeId(id, "REQUEST_APPROVED");
        Instant now = soon();
        for (String channel : List.of("webhook:ops-feed", "webhook:ding")) {
            DeliveryStore.Delivery delivery = channel(notice, channel);
            assertThat(worker.claim(delivery, now)).isTrue();
            worker.send(delivery);
            // the worker dies here: sent, still SENDING
        }

        worker.deliverDue(now.plus(Duration.ofMinutes(10)));
        worker.deliverDue(now.plus(Duration.ofHours(3)));

        List<DeliveringApp.Receiver.Call> generic = HOOKS.mentioning(id).stream()
                .filter(call -> call.path().equals("/generic") && call.body().contains("REQUEST_APPROVED")).toList();
        assertThat(generic).hasSize(2).extracting(call -> call.header("Idempotency-Key")).containsOnly(
                "stackgate-notice-" + notice + "-webhook-ops-feed");
        assertThat(channel(notice, "webhook:ops-feed").state()).isEqualTo("DELIVERED");
        assertThat(HOOKS.mentioning(id).stream().filter(call -> call.path().equals("/dingtalk"))).hasSize(1);
        assertThat(channel(notice, "webhook:ding").state()).isEqualTo("UNCERTAIN");
        assertThat(channel(notice, "webhook:wecom").state()).as("never claimed: sent as usual").isEqualTo("DELIVERED");
    }

    private static Instant soon() {
        return Instant.now().plusSeconds(2);
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

    private DeliveryStore.Delivery channel(long notice, String channel) {
        return deliveries.ofNotice(notice).stream().filter(d -> d.channel().equals(channel)).findFirst().orElseThrow();
    }

    /** The receiver's calls for this notice, by path (each must come once). */
    private Map<String, DeliveringApp.Receiver.Call> callsAbout(String requestId, long notice) {
        Map<String, DeliveringApp.Receiver.Call> calls = new LinkedHashMap<>();
        for (DeliveringApp.Receiver.Call call : HOOKS.mentioning(requestId)) {
            if (String.valueOf(call.header("Idempotency-Key")).startsWith("stackgate-notice-" + notice + "-")) {
                assertThat(calls.put(call.path(), call)).as("one call to " + call.path()).isNull();
            }
        }
        return calls;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
        }
        return values;
    }
}
