package io.stackgate.tenancy;

import java.util.List;

/**
 * A receiver of a tenant's notices ({@code notifications.webhooks} in {@code tenants-config/<id>.yaml}).
 *
 * @param format    {@code generic} (the notice as JSON) or a group robot's shape: {@code dingtalk}, {@code wecom},
 *                  {@code feishu}
 * @param kinds     the notice kinds it receives; empty: all of them
 * @param secretEnv the name of the environment variable that holds the signing secret (DingTalk, Feishu), or null:
 *                  the YAML names the variable, never the secret
 */
public record Webhook(String name, String url, String format, List<String> kinds, String secretEnv) {

    public Webhook {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }

    public boolean receives(String kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }
}
