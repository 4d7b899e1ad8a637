package io.stackgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web UI is served from the jar with history-API fallback: its pages' addresses, asked for directly and without a
 * token, get the UI's index.html; its hashed bundle is cached; the API and missing files are not answered with the UI.
 * (The bundle is built by the Maven build before the tests: -Dstackgate.ui.skip=true leaves it out, and this fails.)
 */
@StackgateTest
class SinglePageAppTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyPageOfTheUiIsItsIndexWithoutAToken() throws Exception {
        for (String page : new String[] {"/", "/requests", "/requests/new/vm", "/requests/8f14e45f", "/resources",
                "/inbox", "/inbox/42?tenant=acme&overdue=true", "/ops/hosts", "/ops/tenants-config",
                "/audit?action=request.&from=2026-12-01", "/dashboards?from=2026-10&to=2026-12&tenant=acme",
                "/settings/notifications"}) {
            HttpResponse<String> response = get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(page).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            assertThat(response.body()).as(page).contains("<div id=\"root\"></div>").contains("/assets/");
        }
    }

    @Test
    void theBundleIsServedAndCachedForLong() throws Exception {
        String index = get("/").body();
        String script = index.replaceAll("(?s).*<script type=\"module\" crossorigin src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        assertThat(script).startsWith("/assets/");
        HttpResponse<String> bundle = get(script);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("max-age=31536000"));
    }

    @Test
    void missingFilesAndTheApiAreNotAnsweredWithTheUi() throws Exception {
        assertThat(get("/assets/missing.js").statusCode()).isEqualTo(404);
        assertThat(get("/requests/logo.png").statusCode()).isEqualTo(404);
        assertThat(get("/api/requests").statusCode()).isEqualTo(401);
        HttpResponse<String> elsewhere = get("/somewhere-else");
        assertThat(elsewhere.body()).doesNotContain("<div id=\"root\">");
    }

    @Test
    void pageAddressesAreRecognisedByTheirFirstSegment() {
        assertThat(SinglePageApp.isPage("requests/abc")).isTrue();
        assertThat(SinglePageApp.isPage("inbox")).isTrue();
        assertThat(SinglePageApp.isPage("audit")).isTrue();
        assertThat(SinglePageApp.isPage("dashboards")).isTrue();
        assertThat(SinglePageApp.isPage("settings/notifications")).isTrue();
        assertThat(SinglePageApp.isPage("requests/x.js")).isFalse();
        assertThat(SinglePageApp.isPage("api/requests")).isFalse();
        assertThat(SinglePageApp.isPage("camunda/app")).isFalse();
    }
}
