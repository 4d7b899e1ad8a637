package io.stackgate.notifications.web;

import java.util.List;

import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.notifications.Notice;
import io.stackgate.notifications.NoticeKind;
import io.stackgate.notifications.Notifications;
import io.stackgate.notifications.Preferences;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notices: every signed-in person has some or none; nobody sees another's. */
@Tag(name = "Notifications", description = "Notices for the caller (approvals waiting, requests decided and done, leases, quota) and how the caller wants them")
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

    private final Notifications notifications;
    private final CallerResolver callers;

    NotificationController(Notifications notifications, CallerResolver callers) {
        this.notifications = notifications;
        this.callers = callers;
    }

    @Operation(operationId = "listNotifications", summary = "The caller's notices, newest first, one page; unread=true: only the unread ones")
    @GetMapping
    Page<Notice> mine(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        PageRequest request = PageRequest.of(page, size);
        Caller caller = callers.current();
        notifications.tokenLocaleSeen(caller, tokenLocale());
        return notifications.mine(caller, unread, request);
    }

    @Operation(operationId = "getNotificationPreferences", summary = "The caller's notification preferences: language "
            + "of mail (en, zh-CN), e-mail address, muted kinds; and the kinds there are")
    @GetMapping("/preferences")
    PreferencesView preferences() {
        Caller caller = callers.current();
        notifications.tokenLocaleSeen(caller, tokenLocale());
        return PreferencesView.of(notifications.preferencesOf(caller.id()), notifications.localeOf(caller.id()));
    }

    /** The token's {@code locale} claim (Keycloak sends the user's chosen locale), if any. */
    private static String tokenLocale() {
        return SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token
                ? token.getToken().getClaimAsString("locale") : null;
    }

    @Operation(operationId = "updateNotificationPreferences", summary = "Replace the caller's notification preferences "
            + "(a muted kind is neither mailed nor counted unread; an unknown kind or locale answers 400 naming the field)")
    @PutMapping("/preferences")
    PreferencesView updatePreferences(@RequestBody PreferencesBody body) {
        Caller caller = callers.current();
        return PreferencesView.of(notifications.updatePreferences(caller,
                new Preferences(body.locale(), body.email(), body.mutedKinds())), notifications.localeOf(caller.id()));
    }

    /**
     * What a person set, and every kind a preferences page can offer to mute.
     *
     * @param locale          the language chosen, absent when none was
     * @param effectiveLocale the language mail is in: the chosen one, else the token's, else en
     */
    record PreferencesView(String locale, String effectiveLocale, String email, List<String> mutedKinds,
            List<String> kinds) {

        static PreferencesView of(Preferences preferences, String effectiveLocale) {
            return new PreferencesView(preferences.locale(), effectiveLocale, preferences.email(),
                    preferences.mutedKinds(), NoticeKind.names());
        }
    }

    /** @param locale en or zh-CN; @param email where mail goes (absent: none); @param mutedKinds kinds to mute */
    record PreferencesBody(String locale, String email, List<String> mutedKinds) {
    }

    @Operation(operationId = "readNotification", summary = "Mark one of the caller's notices read (another person's answers 404)")
    @PostMapping("/{id}/read")
    Notice read(@PathVariable long id) {
        return notifications.markRead(callers.current(), id);
    }
}
