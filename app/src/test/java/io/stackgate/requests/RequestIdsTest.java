package io.stackgate.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void idsMadeInOneMillisecondOrLaterSortInTheOrderTheyWereMade() {
        RequestIds ids = new RequestIds();
        Instant now = Instant.parse("2026-12-05T10:00:00.123Z");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) { // more than the 4096 the counter holds within one millisecond
            made.add(ids.next(now));
        }
        made.add(ids.next(now.plusSeconds(1)));
        made.add(ids.next(now.minusSeconds(1))); // a clock that stepped back does not reorder

        assertThat(made).isSorted().doesNotHaveDuplicates();
        UUID first = UUID.fromString(made.get(0));
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(first.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    }
}
