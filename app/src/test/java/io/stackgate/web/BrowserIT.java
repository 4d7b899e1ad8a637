package io.stackgate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import io.stackgate.support.ChildApp;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser tests ({@code ui/e2e/}, {@code @playwright/test}) against the packaged app and its real Keycloak: the
 * jar that {@code package} built, started as {@code java -jar} in a JVM of its own with the dev Keycloak it launches
 * (free ports, a temporary data folder, in-memory H2, the demo hypervisor and cluster, the repository's
 * tenants-config), then {@code npm run e2e} in {@code ui/} with the app's URL in {@value #BASE_URL_VARIABLE}, driving
 * Debian's Chromium ({@code /usr/bin/chromium}, never a downloaded browser). Playwright's output is streamed here;
 * a failure names Playwright's summary. Screenshots of every page end up in {@code ui/test-results/screenshots/}.
 * <p>
 * No Chromium (or a jar built without the UI): skipped with a message saying why, or failed when
 * {@code STACKGATE_REQUIRE_BROWSER=1} (CI sets it).
 */
class BrowserIT {

    static final String BASE_URL_VARIABLE = "STACKGATE_E2E_BASE_URL";
    static final Path UI = Path.of("../ui").toAbsolutePath().normalize();
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("STACKGATE_CHROMIUM", "/usr/bin/chromium"));
    /** Kept between runs (unpacked distribution, Keycloak's build); its dev database is fresh every run. */
    static final Path KEYCLOAK_HOME = Path.of("target/keycloak-e2e");
    static final Duration START = Duration.ofMinutes(5);
    static final Duration BROWSER_RUN = Duration.ofMinutes(18);
    private static final Pattern SUMMARY = Pattern.compile(
            "^\\s+(\\d+\\) |\\d+ (passed|failed|flaky|skipped|did not run|interrupted)).*");

    @TempDir
    Path folder;

    @Test
    void thePortalInboxAndOperatorPagesWorkInChromiumAgainstThePackagedAppAndItsKeycloak() throws Exception {
        requireChromium();
        requireTheUiInTheJar();
        assertThat(UI.resolve("node_modules/@playwright/test")).as("ui/'s dependencies (npm ci, run by the build)")
                .isDirectory();
        Instant begin = Instant.now();
        try (ChildApp app = ChildApp.withDevKeycloak(folder, List.of("-Xmx1g"), KEYCLOAK_HOME).awaitStarted(START)) {
            System.out.printf("BrowserIT: the packaged app and its Keycloak are up at %s after %d s%n", app.baseUrl(),
                    Duration.between(begin, Instant.now()).toSeconds());
            List<String> output = runPlaywright(app);
            int exit = exitOf(output);
            if (exit != 0) {
                fail("the browser tests failed (npm run e2e exited with %d; screenshots and traces under %s):%n%s%n"
                        + "---- the app's log, last lines:%n%s", exit, UI.resolve("test-results"), summary(output), app.tail(20));
            }
        }
    }

    private static void requireChromium() {
        if (!Files.isExecutable(CHROMIUM)) {
            skipUnlessRequired("no Chromium at " + CHROMIUM + " (Debian: apt-get install chromium)");
        }
    }

    /** A jar built with {@code -Dstackgate.ui.skip=true} serves the API only (no Vite bundle under static/assets/). */
    private static void requireTheUiInTheJar() throws IOException {
        try (ZipFile jar = new ZipFile(ChildApp.JAR.toFile())) {
            if (jar.stream().noneMatch(entry -> entry.getName().startsWith("BOOT-INF/classes/static/assets/"))) {
                skipUnlessRequired(ChildApp.JAR + " has no web UI (built with -Dstackgate.ui.skip=true)");
            }
        }
    }

    private static void skipUnlessRequired(String reason) {
        String why = reason + ": the browser tests (ui/e2e) did not run";
        if ("1".equals(System.getenv("STACKGATE_REQUIRE_BROWSER"))) {
            fail(why + ", and STACKGATE_REQUIRE_BROWSER=1 requires them");
        }
        System.out.println("BrowserIT skipped: " + why);
        Assumptions.abort(why);
    }

    /** {@code npm run e2e} in ui/, its output streamed to ours and returned, its exit code as the last element. */
    private static List<String> runPlaywright(ChildApp app) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("npm", "run", "e2e").directory(UI.toFile()).redirectErrorStream(true);
        builder.environment().put(BASE_URL_VARIABLE, app.baseUrl());
        builder.environment().put("STACKGATE_CHROMIUM", CHROMIUM.toString());
        builder.environment().put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        builder.environment().put("FORCE_COLOR", "0");
        Process npm = builder.start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(npm.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    System.out.println("e2e | " + line);
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(reading npm's output failed: " + e + ")");
            }
        }, "e2e-output");
        reader.start();
        if (!npm.waitFor(BROWSER_RUN.toSeconds(), TimeUnit.SECONDS)) {
            npm.descendants().forEach(ProcessHandle::destroyForcibly);
            npm.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
            output.add("(the browser tests did not finish within " + BROWSER_RUN + ": stopped)");
            output.add("-1");
            return output;
        }
        reader.join(10_000);
        output.add(String.valueOf(npm.exitValue()));
        return output;
    }

    private static int exitOf(List<String> output) {
        return Integer.parseInt(output.get(output.size() - 1));
    }

    /** Playwright's failures and counts (list reporter), else the output's end. */
    private static String summary(List<String> output) {
        List<String> lines = output.subList(0, output.size() - 1);
        int from = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (SUMMARY.matcher(lines.get(i)).matches()) {
                from = i;
                break;
            }
        }
        if (from == lines.size()) {
            from = Math.max(0, lines.size() - 60);
        }
        List<String> tail = lines.subList(from, lines.size());
        return String.join("\n", tail.size() > 200 ? tail.subList(tail.size() - 200, tail.size()) : tail);
    }
}
