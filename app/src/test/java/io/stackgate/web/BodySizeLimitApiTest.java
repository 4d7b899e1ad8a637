package io.stackgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackgate.identity.DevIdentity;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Request bodies over stackgate.web.max-body-size (1MB by default) are refused with 413 and a problem body. */
@StackgateTest
class BodySizeLimitApiTest {

    private static final int LIMIT = 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    DevIdentity identity;

    @Autowired
    ObjectMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A request submission whose justification makes the whole body {@code size} bytes long. */
    private static byte[] submission(int size) {
        String head = "{\"tenant\":\"acme\",\"project\":\"web\",\"type\":\"vm\",\"spec\":{},\"justification\":\"";
        String tail = "\"}";
        return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    /** The same bytes as a stream of unknown length: the client sends them chunked, in pieces of 8 KiB. */
    private static Supplier<InputStream> chunked(byte[] body) {
        return () -> {
            List<InputStream> pieces = new ArrayList<>();
            for (int at = 0; at < body.length; at += 8192) {
                pieces.add(new ByteArrayInputStream(body, at, Math.min(8192, body.length - at)));
            }
            return new SequenceInputStream(Collections.enumeration(pieces));
        };
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/requests"))
                .header("Content-Type", "application/json").POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertPayloadTooLarge(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("type").asText()).isEqualTo("https://stackgate.io/problems/payload-too-large");
        assertThat(problem.path("detail").asText()).contains("stackgate.web.max-body-size");
    }

    @Test
    void aBodyWhoseContentLengthIsOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        byte[] body = submission(LIMIT + 1);
        assertPayloadTooLarge(post(HttpRequest.BodyPublishers.ofByteArray(body), identity.tokenFor("alice")));
        assertPayloadTooLarge(post(HttpRequest.BodyPublishers.ofByteArray(body), null));
    }

    @Test
    void aChunkedBodyThatGrowsOverTheLimitIsRefusedWhenItPassesIt() throws Exception {
        byte[] body = submission(LIMIT + 64 * 1024);
        HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofInputStream(chunked(body)),
                identity.tokenFor("alice"));
        assertPayloadTooLarge(response);
    }

    @Test
    void aBodyWithinTheLimitIsReadAsUsualChunkedOrNot() throws Exception {
        byte[] body = submission(LIMIT - 1024);
        for (HttpRequest.BodyPublisher publisher : List.of(HttpRequest.BodyPublishers.ofByteArray(body),
                HttpRequest.BodyPublishers.ofInputStream(chunked(body)))) {
            HttpResponse<String> response = post(publisher, identity.tokenFor("alice"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400); // read, then refused for its content
            assertThat(json.readTree(response.body()).path("field").asText()).isNotBlank();
        }
    }
}
