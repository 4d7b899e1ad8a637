package io.stackgate.notifications.web;

import io.stackgate.identity.CallerResolver;
import io.stackgate.notifications.Notice;
import io.stackgate.notifications.Notifications;
import io.stackgate.web.Page;
import io.stackgate.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own notices: every signed-in person has some or none; nobody sees another's. */
@Tag(name = "Notifications", description = "Notices for the caller (lease renewals due, leases ended)")
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
        return notifications.mine(callers.current(), unread, request);
    }

    @Operation(operationId = "readNotification", summary = "Mark one of the caller's notices read (another person's answers 404)")
    @PostMapping("/{id}/read")
    Notice read(@PathVariable long id) {
        return notifications.markRead(callers.current(), id);
    }
}
