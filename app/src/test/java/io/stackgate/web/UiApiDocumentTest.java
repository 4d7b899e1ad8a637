package io.stackgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The web UI's API types come from ui/openapi.json (its build runs openapi-typescript over it), so that file must be
 * the application's /v3/api-docs: a document that differs is written there and the test fails, and the change gets
 * committed with the code that caused it. What depends on where the app runs (servers, the issuer's address) is left
 * out, and keys are sorted, so the file is the same on every machine.
 */
@StackgateTest
class UiApiDocumentTest {

    static final Path COMMITTED = Path.of("..", "ui", "openapi.json");

    @Autowired
    Api api;

    @Test
    void theUisApiDocumentIsTheApplications() throws IOException {
        Api.Response response = api.as("alice").get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        String now = normalised(response.body());

        boolean stale = !Files.exists(COMMITTED) || !Files.readString(COMMITTED).equals(now);
        if (stale) {
            Files.writeString(COMMITTED, now);
        }
        assertThat(stale).as("ui/openapi.json was stale (now rewritten from /v3/api-docs: commit it)").isFalse();
    }

    static String normalised(JsonNode document) throws IOException {
        ObjectMapper json = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        ObjectNode copy = (ObjectNode) document.deepCopy();
        copy.remove("servers");
        JsonNode schemes = copy.path("components").path("securitySchemes");
        schemes.properties().forEach(scheme -> {
            if (scheme.getValue().has("openIdConnectUrl")) {
                ((ObjectNode) scheme.getValue()).put("openIdConnectUrl",
                        "/realms/stackgate/.well-known/openid-configuration");
            }
        });
        Object sorted = json.treeToValue(copy, Object.class);
        return json.writeValueAsString(sorted) + "\n";
    }
}
