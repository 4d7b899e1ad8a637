package io.stackgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackgate.kubernetes.RbacSync;
import io.stackgate.support.Api;
import io.stackgate.support.Instances;
import io.stackgate.support.Jobs;
import io.stackgate.support.RealKubernetes;
import io.stackgate.support.Requests;
import io.stackgate.tenancy.Tenants;
import io.stackgate.tenancy.TenantsConfigVersion;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Two app instances on one MariaDB database and one real API server, each with a tenants-config folder of its own: a
 * reload on A reaches B without a reload there, so B's RBAC passes and watch keep A's RoleBindings; the lease check,
 * guarded by a database lock, runs on one instance at a time; and a hung lease check does not hold back the instance's
 * other scheduled work. (The demo cluster cannot serve here: its mock server refuses the server-side apply that
 * rebinds a group.) Needs MariaDB on 127.0.0.1:3306 whatever the suite's database: off with
 * {@code -Dstackgate.test.mariadb.skip=true}.
 */
@Tag("real-kubernetes")
@ExtendWith(RealKubernetes.class)
@DisabledIfSystemProperty(named = "stackgate.test.mariadb.skip", matches = "true", disabledReason = "needs MariaDB")
class TwoInstancesIT {

    static final String SERVER = "jdbc:mysql://127.0.0.1:3306/";
    static final String DATABASE = "sg_test_two_instances_" + UUID.randomUUID().toString().substring(0, 8);
    static final String ENGINEERING = "oidc:/tenants/acme/engineering";

    static Path folderA;
    static Path folderB;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void twoInstancesOnOneDatabase() throws IOException {
        if (!RealKubernetes.required() && !RealKubernetes.available()) {
            return; // each test is skipped (RealKubernetes)
        }
        folderA = copyOfTestTenants();
        folderB = copyOfTestTenants();
        a = start("A", folderA);
        b = start("B", folderB);
    }

    private static ConfigurableApplicationContext start(String instance, Path tenantsConfig) {
        List<String> args = List.of("--server.port=0", "--test.instance=" + instance,
                "--spring.datasource.url=" + SERVER + DATABASE + "?createDatabaseIfNotExist=true",
                "--spring.datasource.username=" + user(), "--spring.datasource.password=" + password(),
                "--stackgate.tenants.config-dir=" + tenantsConfig,
                "--stackgate.tenants.check-interval=PT0.5S",
                "--stackgate.kubernetes.clusters[0].name=kube-it",
                "--stackgate.kubernetes.clusters[0].kubeconfig=" + RealKubernetes.cluster().kubeconfigPath(),
                "--stackgate.kubernetes.sync.enabled=true",
                "--stackgate.kubernetes.sync.interval=PT1H",
                "--stackgate.kubernetes.sync.initial-delay=PT1H",
                "--stackgate.compute.leases.enabled=true",
                "--stackgate.compute.leases.interval=PT0.2S",
                "--stackgate.compute.leases.initial-delay=PT0S",
                "--stackgate.compute.leases.lock-at-least-for=PT0S");
        return Instances.app(Api.class, Observed.class).run(args.toArray(String[]::new));
    }

    @AfterAll
    static void stopBoth() throws SQLException, IOException {
        for (ConfigurableApplicationContext instance : new ConfigurableApplicationContext[] {b, a}) {
            if (instance != null) {
                instance.close();
            }
        }
        try (Connection connection = DriverManager.getConnection(SERVER, user(), password())) {
            connection.createStatement().execute("drop database if exists " + DATABASE);
        }
    }

    @AfterEach
    void openTheGate() {
        Observed.gate.countDown();
    }

    @Test
    void aReloadOnOneInstanceReachesTheOtherAndNeitherUndoesTheOthersRoleBindings() throws IOException {
        Api api = a.getBean(Api.class);
        String suffix = Requests.uniqueName("two");
        String id = Requests.submit(api, "alice", "acme", "web", "namespace", Map.of("suffix", suffix)).path("id").asText();
        a.getBean(Jobs.class).run(id);
        String namespace = "acme-web-" + suffix;
        assertThat(roleOf(namespace, ENGINEERING)).containsExactly("edit");

        String before = "{group: /tenants/acme/engineering, role: member, clusterRole: edit}";
        Path acme = folderA.resolve("acme.yaml");
        Files.writeString(acme, Files.readString(acme).replace(before,
                "{group: /tenants/acme/engineering, role: member, clusterRole: view}"));
        Api.Response reload = api.as("admin").post("/api/admin/tenants-config/reload");
        assertThat(reload.status()).isEqualTo(200);
        long version = reload.body().path("version").asLong();
        assertThat(roleOf(namespace, ENGINEERING)).containsExactly("view");

        // B: no reload called, its own folder still says "edit"
        await().atMost(Duration.ofSeconds(30)).until(() -> b.getBean(TenantsConfigVersion.class).inForce() == version);
        assertThat(Files.readString(folderB.resolve("acme.yaml"))).contains(before);
        assertThat(clusterRoleOfEngineering(b.getBean(Tenants.class))).isEqualTo("view");
        assertThat(b.getBean(RbacSync.class).syncAll()).as("B's full pass finds nothing to change").isEmpty();
        assertThat(a.getBean(RbacSync.class).syncAll()).as("nor does A's").isEmpty();
        assertThat(roleOf(namespace, ENGINEERING)).containsExactly("view");

        // a binding deleted behind the platform's back comes back as the newest config says, whichever watch restores it
        try (KubernetesClient kubectl = RealKubernetes.cluster().adminClient()) {
            var bindings = kubectl.rbac().roleBindings().inNamespace(namespace);
            bindings.list().getItems().stream()
                    .filter(binding -> binding.getSubjects().get(0).getName().equals(ENGINEERING))
                    .forEach(binding -> bindings.withName(binding.getMetadata().getName()).delete());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> roleOf(namespace, ENGINEERING).equals(List.of("view")));
    }

    @Test
    void theLeaseCheckRunsOnOneInstanceAtATimeAndAHungOneHoldsBackNoOtherScheduledWork() throws Exception {
        Observed.gate = new CountDownLatch(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> Observed.inside.size() == 1);
        String holder = Observed.inside.iterator().next();
        String other = holder.equals("A") ? "B" : "A";
        int refusedBefore = Observed.refused(other);

        // while the holder's lease check hangs, the other instance asks for the lock and is refused, again and again
        await().atMost(Duration.ofSeconds(30)).until(() -> Observed.refused(other) >= refusedBefore + 3);
        assertThat(Observed.inside).containsExactly(holder);
        assertThat(leaseLockHeld()).as("the lock row is taken until lockAtMostFor").isTrue();

        // and the holder's other scheduled work runs on: its tenants-config check picks up a reload on the other
        ConfigurableApplicationContext holding = holder.equals("A") ? a : b;
        ConfigurableApplicationContext reloading = holder.equals("A") ? b : a;
        Path folder = holder.equals("A") ? folderB : folderA;
        Path globex = folder.resolve("globex.yaml");
        Files.writeString(globex, Files.readString(globex).replace("name: Globex Inc.", "name: Globex Hung"));
        Api.Response reload = reloading.getBean(Api.class).as("admin").post("/api/admin/tenants-config/reload");
        assertThat(reload.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                holding.getBean(TenantsConfigVersion.class).inForce() == reload.body().path("version").asLong());
        assertThat(holding.getBean(Tenants.class).find("globex").orElseThrow().name()).isEqualTo("Globex Hung");

        Observed.gate.countDown();
        int otherRuns = Observed.runs(other);
        await().atMost(Duration.ofSeconds(30)).until(() -> Observed.runs(other) > otherRuns);
        assertThat(Observed.overlaps).as("never both inside the lease check").isEmpty();
    }

    private static String clusterRoleOfEngineering(Tenants tenants) {
        return tenants.find("acme").orElseThrow().project("web").orElseThrow().roleMappings().stream()
                .filter(mapping -> mapping.group().equals("/tenants/acme/engineering")).findFirst().orElseThrow()
                .clusterRole();
    }

    private static List<String> roleOf(String namespace, String group) {
        try (KubernetesClient kubectl = RealKubernetes.cluster().adminClient()) {
            return kubectl.rbac().roleBindings().inNamespace(namespace).list().getItems().stream()
                    .filter(binding -> binding.getSubjects().stream().anyMatch(subject -> subject.getName().equals(group)))
                    .map(binding -> binding.getRoleRef().getName()).toList();
        }
    }

    private static boolean leaseLockHeld() throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + DATABASE, user(), password());
                var rows = connection.createStatement().executeQuery(
                        "select count(*) from shedlock where name = 'leases' and lock_until > utc_timestamp(3)")) {
            rows.next();
            return rows.getInt(1) == 1;
        }
    }

    private static Path copyOfTestTenants() throws IOException {
        Path copy = Files.createTempDirectory("two-instances-tenants");
        try (var files = Files.list(Path.of("src/test/tenants-config"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    private static String user() {
        return System.getenv().getOrDefault("STACKGATE_TEST_DB_USER", "root");
    }

    private static String password() {
        return System.getenv().getOrDefault("STACKGATE_TEST_DB_PASSWORD", "");
    }

    /**
     * What the test watches in each instance: who is inside the lease check (held there while the gate is closed),
     * and every refused attempt at the lease lock.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Observed {

        static volatile CountDownLatch gate = new CountDownLatch(0);
        static final Set<String> inside = ConcurrentHashMap.newKeySet();
        static final List<String> overlaps = new CopyOnWriteArrayList<>();
        static final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        static final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

        static int runs(String instance) {
            return runs.computeIfAbsent(instance, i -> new AtomicInteger()).get();
        }

        static int refused(String instance) {
            return refusals.computeIfAbsent(instance, i -> new AtomicInteger()).get();
        }

        @Bean
        static BeanPostProcessor observeLeasesAndLocks(Environment environment) {
            String instance = environment.getRequiredProperty("test.instance");
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (bean instanceof LockProvider locks) {
                        return (LockProvider) configuration -> refusedCounted(locks.lock(configuration), configuration);
                    }
                    if (name.equals("leaseKeeper")) {
                        ProxyFactory proxy = new ProxyFactory(bean);
                        proxy.setProxyTargetClass(true);
                        proxy.addAdvice((MethodInterceptor) call -> call.getMethod().getName().equals("checkNow")
                                ? inside(call::proceed) : call.proceed());
                        return proxy.getProxy();
                    }
                    return bean;
                }

                private Optional<SimpleLock> refusedCounted(Optional<SimpleLock> lock, LockConfiguration configuration) {
                    if (lock.isEmpty() && configuration.getName().equals("leases")) {
                        refusals.computeIfAbsent(instance, i -> new AtomicInteger()).incrementAndGet();
                    }
                    return lock;
                }

                private Object inside(Invocation run) throws Throwable {
                    synchronized (inside) {
                        if (!inside.isEmpty()) {
                            overlaps.add(instance + " entered while " + inside + " was inside");
                        }
                        inside.add(instance);
                    }
                    try {
                        runs.computeIfAbsent(instance, i -> new AtomicInteger()).incrementAndGet();
                        gate.await(60, TimeUnit.SECONDS);
                        return run.proceed();
                    } finally {
                        inside.remove(instance);
                    }
                }
            };
        }

        interface Invocation {
            Object proceed() throws Throwable;
        }
    }
}
