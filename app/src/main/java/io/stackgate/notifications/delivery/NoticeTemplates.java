package io.stackgate.notifications.delivery;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.notifications.Preferences;
import org.springframework.stereotype.Component;

/**
 * A notice's subject and body in its recipient's language ({@code notifications/templates[_zh_CN].properties}): a
 * template per kind whose {@code {name}} placeholders take the request id, tenant, portal link and the notice's
 * details. A kind without a template falls back to the notice's own (English) message.
 */
@Component
class NoticeTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    /** What a channel sends. */
    record Rendered(String subject, String body, String link, Map<String, Object> details) {
    }

    private final NotificationProperties properties;
    private final ObjectMapper json;

    NoticeTemplates(NotificationProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
    }

    Rendered render(DeliveryStore.Outgoing notice) {
        Map<String, Object> details = details(notice.details());
        String link = link(notice, details);
        Map<String, Object> values = new HashMap<>(details);
        values.put("requestId", notice.requestId() == null ? "" : notice.requestId());
        values.put("tenant", notice.tenantId() == null ? "" : notice.tenantId());
        values.put("resourceId", notice.resourceId());
        values.put("link", link);
        ResourceBundle bundle = ResourceBundle.getBundle("notifications/templates", locale(notice.locale()),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        try {
            return new Rendered(fill(bundle.getString(notice.kind() + ".subject"), values),
                    fill(bundle.getString(notice.kind() + ".body"), values), link, details);
        } catch (MissingResourceException e) {
            return new Rendered("[Stackgate] " + notice.kind(), notice.message() + "\n\n" + link, link, details);
        }
    }

    static Locale locale(String preference) {
        return "zh-CN".equals(preference) ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
    }

    private String link(DeliveryStore.Outgoing notice, Map<String, Object> details) {
        if (details.get("taskId") != null) {
            return properties.publicUrl() + "/inbox/" + details.get("taskId");
        }
        return notice.requestId() == null ? properties.publicUrl() : properties.publicUrl() + "/requests/" + notice.requestId();
    }

    private static String fill(String template, Map<String, Object> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = values.get(matcher.group(1));
            matcher.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : String.valueOf(value)));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private Map<String, Object> details(String details) {
        try {
            return json.readValue(details, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    static String localeTag(String preference) {
        return preference == null ? Preferences.DEFAULT_LOCALE : preference;
    }
}
