package io.stackgate.audit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

import io.stackgate.StackgateApplication;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import io.stackgate.support.TestProfiles;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Benchmark, not a test of speed: 1,000,000 completed requests of 2027 with their history (1.5 decisions each, a VM
 * each, half of them decommissioned, their quota reservations and releases) written straight into the reports' read
 * model on MariaDB in batched inserts; then the time of each report over one month of one tenant and over the whole
 * year of every tenant (through the API, as JSON), and of a full CSV export of the year's approvals by the application
 * started again in a JVM of its own limited to a 256 MB heap. The issue aims at every report under 2 s and the export
 * under 256 MB of heap; this prints the figures and asserts only that the export, in that heap, held every row.
 *
 * <p>Excluded from the build by its tag; MariaDB only; run it alone:
 * {@code mvn -q -B test -pl app -Dtest=ReportsBenchmark -Dgroups=benchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * (its H2 run skips itself).
 */
@Tag("benchmark")
@StackgateTest
@DirtiesContext
class ReportsBenchmark {

    static final int REQUESTS = Integer.getInteger("reports.benchmark.requests", 1_000_000);
    /**
     * {@code -Dreports.benchmark.reuse=true} with {@code -Dspring.datasource.url=jdbc:mysql://127.0.0.1:3306/<database>}:
     * time the reports on a database an earlier run generated (its migrations brought up to date on start) instead of
     * generating one; it is dropped at the end as every test database is.
     */
    static final boolean REUSE = Boolean.getBoolean("reports.benchmark.reuse");
    static final int BATCH = 1000;
    static final Instant YEAR = Instant.parse("2027-01-01T00:00:00Z");
    static final long YEAR_SECONDS = 365L * 86400;
    static final String[][] PROJECTS = {{"acme", "web"}, {"acme", "data"}, {"acme", "ledger"}, {"globex", "shop"}};
    static final String[] APPROVERS = {"bob", "bea", "fiona", "erin"};
    static final String EXPORT_HEAP = "256m";
    /** A collection in the unified GC log: {@code Pause Young (Normal) (G1 Evacuation Pause) 120M->40M(256M) 3.1ms}. */
    static final Pattern GC_PAUSE = Pattern.compile("Pause.* (\\d+)M->(\\d+)M\\(\\d+M\\)");
    static final String[] HOSTS = {"demo-x86-1", "demo-arm-1", "demo-gpu-1"};

    @Autowired
    DataSource dataSource;
    @Autowired
    Api api;

    @Test
    void reportsOverAMillionCompletedRequests() throws Exception {
        Assumptions.assumeTrue("mariadb".equals(TestProfiles.database()), "MariaDB only");
        long started = System.nanoTime();
        if (REUSE) {
            assertThat(new JdbcTemplate(dataSource).queryForObject("select count(*) from report_request", Long.class))
                    .as("a database generated before").isEqualTo(REQUESTS);
            System.out.printf("%n[reports benchmark] %,d requests generated before, in this database%n", REQUESTS);
        } else {
            generate();
            System.out.printf("%n[reports benchmark] generated %,d requests with their history in %.1f s%n", REQUESTS,
                    (System.nanoTime() - started) / 1e9);
        }
        for (String report : List.of("requests", "approvals", "lead-times", "resources", "quota", "cost", "access")) {
            time(report, "from=2027-06-01&to=2027-06-30&tenant=acme", "June, acme");
            time(report, "from=2027-01-01&to=2027-12-31", "2027, all tenants");
        }
        export();
    }

    private void time(String report, String query, String what) {
        api.as("admin").get("/api/reports/" + report + "?" + query); // warm
        long start = System.nanoTime();
        Api.Response response = api.as("admin").get("/api/reports/" + report + "?" + query);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        System.out.printf("[reports benchmark] %-10s %-18s %6.2f s  (%,d rows)%n", report, what, seconds,
                response.body().path("total").asLong());
    }

    /**
     * The full CSV export of the year's approvals from the application in a JVM of its own with {@code -Xmx256m}
     * ({@value #EXPORT_HEAP}), on this benchmark's database: if it sends every row, the export ran in that heap. Its GC
     * log gives the heap's largest occupancy before a collection and its largest live set after one.
     */
    private void export() throws Exception {
        String database = new JdbcTemplate(dataSource).queryForObject("select database()", String.class);
        Path folder = Files.createTempDirectory("reports-benchmark-export");
        Path gcLog = folder.resolve("gc.log");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + EXPORT_HEAP, "-Xlog:gc:file=" + gcLog.toAbsolutePath(), "-cp",
                System.getProperty("java.class.path"), StackgateApplication.class.getName(),
                "--spring.profiles.active=test,test-mariadb", "--stackgate.tenants.config-dir=src/test/tenants-config",
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:mysql://127.0.0.1:3306/" + database,
                "--spring.datasource.hikari.maximum-pool-size=4");
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("child.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port;
            Awaitility.await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(child.isAlive()).as("the export's JVM died; its log: " + folder.resolve("child.log")).isTrue();
                try {
                    HttpURLConnection health = (HttpURLConnection) URI.create(base + "/actuator/health").toURL()
                            .openConnection();
                    return health.getResponseCode() == 200;
                } catch (java.io.IOException notYet) {
                    return false;
                }
            });
            long start = System.nanoTime();
            HttpURLConnection http = (HttpURLConnection) URI.create(base
                    + "/api/reports/approvals?from=2027-01-01&to=2027-12-31&format=csv").toURL().openConnection();
            http.setRequestProperty("Authorization", "Bearer " + token(base, "admin"));
            long bytes = 0;
            long lines = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = http.getInputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(child.isAlive()).as("the export's JVM survived; its log: " + folder.resolve("child.log")).isTrue();
            long[] heap = gcHeap(gcLog);
            System.out.printf("[reports benchmark] full CSV export of 2027's approvals by the app in a JVM of its own with "
                    + "-Xmx%s: %,d rows, %,d MB in %.1f s; %,d collections, heap at most %,d MB before a collection, "
                    + "live set at most %,d MB after one%n", EXPORT_HEAP, lines - 1, bytes >> 20, seconds, heap[0],
                    heap[1] >> 20, heap[2] >> 20);
            assertThat(lines - 1).isEqualTo(REQUESTS + REQUESTS / 2);
        } finally {
            child.destroy();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A token of the child's own dev identity (its issuer is its own address). */
    private static String token(String base, String username) throws Exception {
        HttpURLConnection http = (HttpURLConnection) URI.create(base + "/dev-identity/token").toURL().openConnection();
        http.setRequestMethod("POST");
        http.setDoOutput(true);
        http.setRequestProperty("Content-Type", "application/json");
        try (var out = http.getOutputStream()) {
            out.write(("{\"username\":\"" + username + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        try (InputStream in = http.getInputStream()) {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("access_token").asText();
        }
    }

    /** From a {@code -Xlog:gc} file: the collections, the largest heap before one and the largest after one, in bytes. */
    private static long[] gcHeap(Path gcLog) throws java.io.IOException {
        Matcher pause;
        long[] heap = new long[3];
        for (String line : Files.readAllLines(gcLog)) {
            if ((pause = GC_PAUSE.matcher(line)).find()) {
                heap[0]++;
                heap[1] = Math.max(heap[1], Long.parseLong(pause.group(1)) << 20);
                heap[2] = Math.max(heap[2], Long.parseLong(pause.group(2)) << 20);
            }
        }
        return heap;
    }

    /** Request i: submitted at a random second of 2027, decided by one level (every second one by two), running. */
    private void generate() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Random random = new Random(42);
        Rows requests = new Rows(jdbc, "report_request (request_id, tenant_id, project_id, type, requester, status, "
                + "monthly_cost, over_quota, submitted_at, last_decision_at, running_at, submit_to_running_s, ended_at, "
                + "decommissioned_at)", 14);
        Rows approvals = new Rows(jdbc, "report_approval (request_id, tenant_id, project_id, type, level_name, "
                + "decision, approver, comment, started_at, decided_at, lead_s, sla_s, sla_breached)", 13);
        Rows resources = new Rows(jdbc, "report_resource (kind, request_id, item_index, tenant_id, project_id, name, "
                + "location, arch, since_at, until_at)", 10);
        Rows quota = new Rows(jdbc, "report_quota_change (tenant_id, project_id, request_id, kind, vcpus, memory_mib, "
                + "disk_gib, gpus, vms, k8s_nodes, changed_at)", 11);
        for (int i = 0; i < REQUESTS; i++) {
            String id = UUID.randomUUID().toString();
            String[] project = PROJECTS[i % PROJECTS.length];
            long submitted = YEAR.getEpochSecond() + (long) (random.nextDouble() * (YEAR_SECONDS - 10 * 86400));
            long first = 60 + random.nextInt(3 * 86400);
            long second = i % 2 == 0 ? 60 + random.nextInt(2 * 86400) : 0;
            long decided = submitted + first + second;
            long running = decided + 30 + random.nextInt(600);
            Long ended = i % 2 == 0 ? running + random.nextInt(60 * 86400) : null;
            requests.add(id, project[0], project[1], "vm", "alice", "COMPLETED", 56 + (i % 3) * 450, false,
                    at(submitted), at(decided), at(running), running - submitted, at(running),
                    ended == null ? null : at(ended));
            String approver = APPROVERS[random.nextInt(APPROVERS.length)];
            approvals.add(id, project[0], project[1], "vm", "dept-manager", "approved", approver, "ok 同意",
                    at(submitted), at(submitted + first), first, 172800L, first > 172800);
            if (second > 0) {
                approvals.add(id, project[0], project[1], "vm", "platform-ops", "approved", "olga", null,
                        at(submitted + first), at(decided), second, 86400L, second > 86400);
            }
            resources.add("vm", id, 0, project[0], project[1], "vm-" + i, HOSTS[i % HOSTS.length],
                    i % HOSTS.length == 1 ? "aarch64" : "x86_64", at(running), ended == null ? null : at(ended));
            quota.add(project[0], project[1], id, "RESERVED", 2, 4096L, 20L, 0, 1, 0, at(submitted));
            if (ended != null) {
                quota.add(project[0], project[1], id, "RELEASED", -2, -4096L, -20L, 0, -1, 0, at(ended));
            }
        }
        requests.flush();
        approvals.flush();
        resources.flush();
        quota.flush();
    }

    private static Timestamp at(long epochSecond) {
        return Timestamp.from(Instant.ofEpochSecond(epochSecond));
    }

    /** Multi-row inserts of {@value #BATCH} rows each. */
    private static final class Rows {

        private final JdbcTemplate jdbc;
        private final String table;
        private final int columns;
        private final List<Object> values = new ArrayList<>();
        private int rows;

        Rows(JdbcTemplate jdbc, String table, int columns) {
            this.jdbc = jdbc;
            this.table = table;
            this.columns = columns;
        }

        void add(Object... row) {
            values.addAll(java.util.Arrays.asList(row));
            if (++rows == BATCH) {
                flush();
            }
        }

        void flush() {
            if (rows == 0) {
                return;
            }
            String one = "(" + String.join(",", java.util.Collections.nCopies(columns, "?")) + ")";
            jdbc.update("insert into " + table + " values " + String.join(",", java.util.Collections.nCopies(rows, one)),
                    values.toArray());
            values.clear();
            rows = 0;
        }
    }
}
