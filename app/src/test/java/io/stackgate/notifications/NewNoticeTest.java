package io.stackgate.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** A notice keeps what its columns hold: a long failure cause is cut, not a reason for the change to fail. */
class NewNoticeTest {

    @Test
    void aLongMessageAndLongDetailsAreCutToTheColumns() {
        String cause = "define domain failed: ".repeat(200);

        NewNotice notice = new NewNotice("sub", "alice", "acme", "REQUEST_FAILED", "request", "r-1", "r-1",
                "Your request r-1 is failed: " + cause, Map.of("reason", cause, "count", 20));

        assertThat(notice.message()).hasSize(NewNotice.MAX_TEXT).startsWith("Your request r-1 is failed: ").endsWith("…");
        assertThat((String) notice.details().get("reason")).hasSize(NewNotice.MAX_TEXT);
        assertThat(notice.details().get("count")).isEqualTo(20);
        assertThat(new NewNotice("sub", "alice", "acme", "K", "request", "r", "r", "short", Map.of("a", "b")).message())
                .isEqualTo("short");
    }
}
