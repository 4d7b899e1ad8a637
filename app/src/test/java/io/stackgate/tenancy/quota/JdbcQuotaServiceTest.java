package io.stackgate.tenancy.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.stackgate.support.TestDatabases;
import io.stackgate.support.TestProfiles;
import io.stackgate.tenancy.ApprovalPolicy;
import io.stackgate.tenancy.OrgUnit;
import io.stackgate.tenancy.Project;
import io.stackgate.tenancy.ProjectUsage;
import io.stackgate.tenancy.Quota;
import io.stackgate.tenancy.QuotaReleased;
import io.stackgate.tenancy.QuotaReservation;
import io.stackgate.tenancy.QuotaReserved;
import io.stackgate.tenancy.QuotaService;
import io.stackgate.tenancy.Tenant;
import io.stackgate.tenancy.Tenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** On the test database with the Flyway migrations (H2, or MariaDB with -Dstackgate.test.db=mariadb). */
@JdbcTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@ActiveProfiles(resolver = TestProfiles.class)
@Import({JdbcQuotaService.class, JdbcQuotaServiceTest.SmallTenants.class, TestDatabases.class})
@RecordApplicationEvents
class JdbcQuotaServiceTest {

    static final Quota TENANT = new Quota(10, 10_000, 100, 1, 10, 4);
    static final Quota PROJECT = new Quota(8, 8_000, 80, 1, 8, 2);

    @Autowired
    QuotaService quotas;
    @Autowired
    ApplicationEvents events;
    @Autowired
    PlatformTransactionManager transactions;

    static Quota vcpus(int vcpus) {
        return new Quota(vcpus, 512L * vcpus, 5L * vcpus, 0, 1, 0);
    }

    static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aReservationWithinQuotaCountsAsUsage() {
        String requestId = newRequestId();

        QuotaReservation reservation = quotas.reserve("small", "a", requestId, vcpus(4));

        assertThat(reservation).isEqualTo(new QuotaReservation(requestId, vcpus(4), false, List.of()));
        assertThat(quotas.usage("small", "a")).isEqualTo(new ProjectUsage("small", "a", PROJECT, vcpus(4)));
        assertThat(quotas.tenantUsage("small").used()).isEqualTo(vcpus(4));
        assertThat(events.stream(QuotaReserved.class))
                .containsExactly(new QuotaReserved("small", "a", requestId, vcpus(4), false));
    }

    @Test
    void aDemandOverTheProjectQuotaIsReservedAndFlagged() {
        quotas.reserve("small", "a", newRequestId(), vcpus(6));

        QuotaReservation second = quotas.reserve("small", "a", newRequestId(), new Quota(3, 100, 1, 2, 1, 0));

        assertThat(second.overQuota()).isTrue();
        assertThat(second.exceeded()).containsExactly("project.vcpus", "project.gpus", "tenant.gpus");
        assertThat(quotas.usage("small", "a").used().vcpus()).isEqualTo(9);
    }

    @Test
    void aDemandWithinItsProjectButOverTheTenantQuotaIsFlagged() {
        quotas.reserve("small", "a", newRequestId(), vcpus(6));

        QuotaReservation other = quotas.reserve("small", "b", newRequestId(), vcpus(6));

        assertThat(other.overQuota()).isTrue();
        assertThat(other.exceeded()).containsExactly("tenant.vcpus");
        assertThat(events.stream(QuotaReserved.class)).extracting(QuotaReserved::overQuota).containsExactly(false, true);
    }

    @Test
    void reservingTheSameRequestAgainReturnsTheFirstReservation() {
        String requestId = newRequestId();
        QuotaReservation first = quotas.reserve("small", "a", requestId, vcpus(9));

        QuotaReservation again = quotas.reserve("small", "a", requestId, vcpus(9));

        assertThat(again).isEqualTo(first);
        assertThat(quotas.usage("small", "a").used()).isEqualTo(vcpus(9));
        assertThat(events.stream(QuotaReserved.class)).hasSize(1);
    }

    @Test
    void releasingFreesTheQuotaOnce() {
        String requestId = newRequestId();
        quotas.reserve("small", "a", requestId, vcpus(4));

        quotas.release(requestId);
        quotas.release(requestId);
        quotas.release("never-reserved");

        assertThat(quotas.usage("small", "a").used()).isEqualTo(Quota.ZERO);
        assertThat(events.stream(QuotaReleased.class))
                .containsExactly(new QuotaReleased("small", "a", requestId, vcpus(4)));
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aReservationJoinsTheCallersTransaction() {
        String requestId = newRequestId();

        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            quotas.reserve("rollback", "p", requestId, vcpus(2));
            tx.setRollbackOnly();
        });

        assertThat(quotas.usage("rollback", "p").used()).isEqualTo(Quota.ZERO);
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void concurrentReservationsOfOneTenantSerialise() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<QuotaReservation>> reservations = IntStream.range(0, 20)
                    .<Callable<QuotaReservation>>mapToObj(i -> () -> quotas.reserve("busy", "p", newRequestId(), vcpus(1)))
                    .toList();

            List<QuotaReservation> results = pool.invokeAll(reservations).stream().map(JdbcQuotaServiceTest::get).toList();

            assertThat(quotas.usage("busy", "p").used().vcpus()).isEqualTo(20);
            // the project allows 8 vCPUs: exactly 8 reservations saw room, whatever the order
            assertThat(results).filteredOn(r -> !r.overQuota()).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
    }

    private static QuotaReservation get(Future<QuotaReservation> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @TestConfiguration
    static class SmallTenants {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        Tenants tenants() {
            List<Tenant> tenants = List.of(tenant("busy", "p"), tenant("rollback", "p"), tenant("small", "a", "b"));
            return new Tenants() {
                public List<Tenant> all() {
                    return tenants;
                }

                public Optional<Tenant> find(String tenantId) {
                    return tenants.stream().filter(tenant -> tenant.id().equals(tenantId)).findFirst();
                }

                public Optional<String> orgUnitPath(String tenantId, String orgUnitId) {
                    return find(tenantId).filter(tenant -> orgUnitId.equals("ops")).map(tenant -> "ops");
                }

                public String approverGroup(String tenantId, String level, String orgUnitId) {
                    throw new UnsupportedOperationException("quota needs no approvers");
                }
            };
        }

        static Tenant tenant(String id, String... projects) {
            return new Tenant(id, id, TENANT, List.of(new OrgUnit("ops", "Ops", "ops", List.of())),
                    List.of(projects).stream().map(p -> new Project(p, p, "ops", PROJECT, List.of())).toList(),
                    new ApprovalPolicy(BigDecimal.TEN, "EUR", Map.of(), "/tenants/" + id + "/admins"));
        }
    }
}
