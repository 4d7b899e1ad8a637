package io.stackgate.notifications;

import java.util.List;

/**
 * How a person wants to be told.
 *
 * @param locale     {@code en} or {@code zh-CN}: the language of their mail
 * @param email      where their mail goes; absent: no mail
 * @param mutedKinds kinds neither mailed nor counted unread (they arrive in-app already read)
 */
public record Preferences(String locale, String email, List<String> mutedKinds) {

    public static final String DEFAULT_LOCALE = "en";
    public static final List<String> LOCALES = List.of("en", "zh-CN");

    public Preferences {
        mutedKinds = mutedKinds == null ? List.of() : List.copyOf(mutedKinds);
    }

    public boolean mutes(String kind) {
        return mutedKinds.contains(kind);
    }
}
