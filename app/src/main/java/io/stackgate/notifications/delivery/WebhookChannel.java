package io.stackgate.notifications.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.tenancy.Tenants;
import io.stackgate.tenancy.Webhook;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Posts a notice to one of its tenant's webhooks (tenants-config {@code notifications.webhooks}) with the header
 * {@code Idempotency-Key}, the same on every attempt. A 2xx answer is delivered, except a robot's body saying
 * otherwise ({@code errcode}/{@code code} not 0). The signing secret comes from the environment variable the YAML
 * names, and appears in no error or log.
 */
@Component
class WebhookChannel {

    private final Tenants tenants;
    private final Environment environment;
    private final ObjectMapper json;
    private final NotificationProperties properties;
    private final Clock clock;
    private final HttpClient http;

    WebhookChannel(Tenants tenants, Environment environment, ObjectMapper json, NotificationProperties properties,
            Clock clock) {
        this.tenants = tenants;
        this.environment = environment;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.httpTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Can the receiver drop a repeat by the Idempotency-Key? Only a generic one (ours, or one that honours it). */
    boolean dedupes(String tenantId, String name) {
        return webhook(tenantId, name).map(hook -> "generic".equals(hook.format())).orElse(false);
    }

    void send(String name, DeliveryStore.Outgoing notice, NoticeTemplates.Rendered text, String key) {
        Webhook hook = webhook(notice.tenantId(), name).orElseThrow(() -> new DeliveryFailed(
                "tenant " + notice.tenantId() + " has no webhook " + name + " any more", true));
        Instant now = clock.instant();
        String secret = hook.secretEnv() == null ? null : environment.getProperty(hook.secretEnv());
        String url = hook.url();
        Map<String, Object> body = switch (hook.format()) {
            case "dingtalk" -> {
                if (secret != null) {
                    url = url + (url.contains("?") ? "&" : "?") + WebhookPayloads.dingTalkSignature(secret, now);
                }
                yield WebhookPayloads.dingTalk(text);
            }
            case "wecom" -> WebhookPayloads.weCom(text);
            case "feishu" -> WebhookPayloads.feishu(text, secret, now);
            default -> WebhookPayloads.generic(notice, text, key);
        };
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.httpTimeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException e) {
            throw new DeliveryFailed("webhook " + name + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("webhook " + name + ": interrupted", false);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryFailed("webhook " + name + " answered HTTP " + response.statusCode(), false);
        }
        robotError(response.body()).ifPresent(error -> {
            throw new DeliveryFailed("webhook " + name + " refused the message: " + error, false);
        });
    }

    private java.util.Optional<Webhook> webhook(String tenantId, String name) {
        return tenantId == null ? java.util.Optional.empty() : tenants.find(tenantId)
                .flatMap(tenant -> tenant.webhooks().stream().filter(hook -> hook.name().equals(name)).findFirst());
    }

    /** DingTalk and WeCom answer {@code errcode}, Feishu {@code code}; anything but 0 is a refusal. */
    private java.util.Optional<String> robotError(String body) {
        try {
            JsonNode answer = json.readTree(body == null || body.isBlank() ? "{}" : body);
            for (String field : new String[] {"errcode", "code"}) {
                if (answer.has(field) && answer.get(field).asInt(0) != 0) {
                    return java.util.Optional.of(field + " " + answer.get(field).asText() + " "
                            + answer.path(field.equals("code") ? "msg" : "errmsg").asText());
                }
            }
        } catch (JsonProcessingException e) {
            // not JSON: a generic receiver's plain answer; its status said it all
        }
        return java.util.Optional.empty();
    }
}
