package io.stackgate.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scheduled passes that must run on one instance at a time ({@code @SchedulerLock}: leases, reconciliation, the RBAC
 * full pass) take a row of the {@code shedlock} table (Flyway V28) in the database every instance shares; an instance
 * that finds it taken skips that round. Lock times come from the database's clock, so the instances' clocks do not
 * matter. Each lock names its holder: host and a per-instance id.
 */
@Configuration(proxyBeanMethods = false)
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
class SchedulerLocks {

    private static final Logger log = LoggerFactory.getLogger(SchedulerLocks.class);

    @Bean
    LockProvider lockProvider(DataSource dataSource) {
        String holder = hostName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        log.info("scheduled passes that run on one instance at a time lock as {}", holder);
        return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .withLockedByValue(holder)
                .build());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
