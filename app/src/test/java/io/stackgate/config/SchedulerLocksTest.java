package io.stackgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.stackgate.support.StackgateTest;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lock the scheduled passes take, on the suite's database (H2, and MariaDB in its pass): the shedlock table of
 * V28 holds one holder per name until it lets go. (That the passes take it and that a second instance skips is
 * TwoInstancesIT's part.)
 */
@StackgateTest
class SchedulerLocksTest {

    @Autowired
    LockProvider locks;
    @Autowired
    JdbcClient jdbc;

    private LockConfiguration lock(String name) {
        return new LockConfiguration(Instant.now(), name, Duration.ofMinutes(1), Duration.ZERO);
    }

    @Test
    void aNameIsHeldByOneHolderUntilItLetsGo() {
        String name = "test-" + UUID.randomUUID();

        Optional<SimpleLock> first = locks.lock(lock(name));
        Optional<SimpleLock> second = locks.lock(lock(name));

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(jdbc.sql("select locked_by from shedlock where name = ?").param(name).query(String.class).single())
                .matches(".+/[0-9a-f]{8}");
        first.get().unlock();
        Optional<SimpleLock> third = locks.lock(lock(name));
        assertThat(third).isPresent();
        third.get().unlock();
    }
}
