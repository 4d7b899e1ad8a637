package io.stackgate.notifications.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JSON bodies webhooks get: {@code generic} (the notice with its details), or the text-message shape of a
 * DingTalk, WeCom or Feishu group robot. DingTalk and Feishu robots may require a signature made with a secret.
 */
final class WebhookPayloads {

    private WebhookPayloads() {
    }

    static Map<String, Object> generic(DeliveryStore.Outgoing notice, NoticeTemplates.Rendered text, String key) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", notice.noticeId());
        body.put("idempotencyKey", key);
        body.put("kind", notice.kind());
        body.put("tenant", notice.tenantId());
        body.put("requestId", notice.requestId());
        body.put("resourceKind", notice.resourceKind());
        body.put("resourceId", notice.resourceId());
        body.put("recipient", notice.recipientName());
        body.put("subject", text.subject());
        body.put("message", notice.message());
        body.put("link", text.link());
        body.put("createdAt", notice.createdAt().toString());
        body.put("details", text.details());
        return body;
    }

    static Map<String, Object> dingTalk(NoticeTemplates.Rendered text) {
        return Map.of("msgtype", "markdown", "markdown", Map.of("title", text.subject(),
                "text", "### " + text.subject() + "\n\n" + text.body().replace("\n", "\n\n")));
    }

    static Map<String, Object> weCom(NoticeTemplates.Rendered text) {
        return Map.of("msgtype", "markdown", "markdown", Map.of("content", "**" + text.subject() + "**\n" + text.body()));
    }

    static Map<String, Object> feishu(NoticeTemplates.Rendered text, String secret, Instant now) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (secret != null) {
            long timestamp = now.getEpochSecond();
            body.put("timestamp", String.valueOf(timestamp));
            // Feishu: HmacSHA256 keyed with "timestamp\nsecret" over nothing, Base64
            body.put("sign", hmac(timestamp + "\n" + secret, ""));
        }
        body.put("msg_type", "text");
        body.put("content", Map.of("text", text.subject() + "\n" + text.body()));
        return body;
    }

    /** DingTalk: {@code &timestamp=<ms>&sign=<Base64 HmacSHA256 of "timestamp\nsecret" keyed with the secret>}. */
    static String dingTalkSignature(String secret, Instant now) {
        long timestamp = now.toEpochMilli();
        String sign = hmac(secret, timestamp + "\n" + secret);
        return "timestamp=" + timestamp + "&sign=" + java.net.URLEncoder.encode(sign, StandardCharsets.UTF_8);
    }

    static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
