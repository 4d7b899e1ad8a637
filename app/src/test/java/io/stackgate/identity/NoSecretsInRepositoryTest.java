package io.stackgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generated secrets never get into the repository: nothing under a {@code data/} folder (runtime state: H2 files,
 * the dev Keycloak, the backend client's secret, the master admin's password) is tracked or trackable, and no tracked
 * file is named like a secret or key. Skipped outside a git checkout (e.g. a source archive).
 */
class NoSecretsInRepositoryTest {

    /** A file name that says it holds a secret (source files about secrets, e.g. Secrets.java, are fine). */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(secret|password|passwd|credential).*"
            + "|.*\\.(key|pem|p12|pfx|jks|keystore|env)|.*-key\\.json|id_(rsa|dsa|ecdsa|ed25519)");
    private static final Pattern SOURCE = Pattern.compile(".*\\.(java|ts|tsx|js|md|html|css|bpmn|dmn|xml)");

    private static Path root;

    @BeforeAll
    static void findTheCheckout() {
        List<String> top = git(Path.of("").toAbsolutePath(), "rev-parse", "--show-toplevel");
        Assumptions.assumeTrue(top != null && top.size() == 1, "not inside a git checkout");
        root = Path.of(top.get(0));
    }

    @Test
    void noTrackedFileLivesUnderADataFolderOrIsNamedLikeASecret() {
        List<String> tracked = git(root, "ls-files");
        assertThat(tracked).as("git ls-files").isNotNull().isNotEmpty();
        List<String> offending = new ArrayList<>();
        for (String path : tracked) {
            String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
            boolean underData = path.startsWith("data/") || path.contains("/data/");
            boolean secretLike = SECRET_NAME.matcher(name).matches() && !SOURCE.matcher(name).matches();
            if (underData || secretLike) {
                offending.add(path);
            }
        }
        assertThat(offending).as("tracked files that look like runtime state or secrets").isEmpty();
    }

    /** Where the app writes its generated secrets, started from the repository root or from app/ (the IDE's way). */
    @ParameterizedTest
    @ValueSource(strings = {"data/keycloak/backend-client-secret", "app/data/keycloak/backend-client-secret",
            "data/keycloak/bootstrap-admin-password", "app/data/keycloak/bootstrap-admin-password",
            "data/dev-identity-key.json", "app/data/dev-identity-key.json", "app/target/test-dev-identity-key.json",
            "data/stackgate.mv.db"})
    void generatedSecretsAndStateAreIgnoredByGit(String path) {
        assertThat(git(root, "check-ignore", "--no-index", "-q", path)).as(path + " is ignored").isNotNull();
    }

    /** The command's output lines, or null when it fails (git missing, not a checkout, nothing ignored). */
    private static List<String> git(Path directory, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return null;
            }
            return output.lines().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
