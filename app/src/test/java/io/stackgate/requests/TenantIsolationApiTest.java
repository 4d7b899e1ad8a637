package io.stackgate.requests;

import static io.stackgate.support.Requests.smallVm;
import static io.stackgate.support.Requests.submission;
import static io.stackgate.support.Requests.submit;
import static io.stackgate.support.Requests.taskOf;
import static io.stackgate.support.Requests.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.stackgate.identity.DevIdentity;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@StackgateTest
class TenantIsolationApiTest {

    @Autowired
    Api api;

    @Autowired
    DevIdentity identity;

    @Test
    void anotherTenantsMemberCannotSeeOrCancelARequest() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();

        assertThat(api.as("dave").get("/api/requests/" + id).status()).isEqualTo(404);
        assertThat(api.as("dave").post("/api/requests/" + id + "/cancel").status()).isEqualTo(404);
        assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void anotherTenantsApproverNeitherSeesNorTouchesTheTask() {
        String id = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String taskId = taskOf(api.as("bob"), id).orElseThrow().path("id").asText();

        assertThat(taskOf(api.as("erin"), id)).isEmpty();
        Api.As erin = api.as("erin");
        assertThat(erin.get("/api/tasks/" + taskId).status()).isEqualTo(404);
        assertThat(erin.post("/api/tasks/" + taskId + "/claim").status()).isEqualTo(404);
        assertThat(erin.post("/api/tasks/" + taskId + "/approve").status()).isEqualTo(404);
        assertThat(erin.post("/api/tasks/" + taskId + "/reject", Map.of("comment", "no")).status()).isEqualTo(404);
        assertThat(erin.post("/api/tasks/" + taskId + "/delegate", Map.of("user", "dave")).status()).isEqualTo(404);
        assertThat(api.as("alice").get("/api/requests/" + id).text("status")).isEqualTo("PENDING_APPROVAL");
    }

    @Test
    void theRequestListShowsOnlyTheCallersTenants() {
        String acme = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String globex = submit(api, "dave", "globex", "shop", "vm", smallVm()).path("id").asText();

        List<String> ids = texts(api.as("dave").get("/api/requests").body().path("items"), "id");
        assertThat(ids).contains(globex).doesNotContain(acme);
        assertThat(texts(api.as("dave").get("/api/requests").body().path("items"), "tenant")).containsOnly("globex");
        assertThat(api.as("dave").get("/api/requests?tenant=acme").body().path("items")).isEmpty();
    }

    @Test
    void nobodySubmitsIntoATenantOrProjectTheyDoNotBelongTo() {
        assertThat(api.as("dave").post("/api/requests", submission("acme", "web", "vm", smallVm())).status())
                .isEqualTo(404);
        assertThat(api.as("alice").post("/api/requests", submission("globex", "shop", "vm", smallVm())).status())
                .isEqualTo(404);
        assertThat(api.as("maya").post("/api/requests", submission("acme", "web", "vm", smallVm())).status())
                .isEqualTo(403);
    }

    @Test
    void platformOperationsSeeEveryTenantsRequests() {
        String acme = submit(api, "alice", "acme", "web", "vm", smallVm()).path("id").asText();
        String globex = submit(api, "dave", "globex", "shop", "vm", smallVm()).path("id").asText();

        assertThat(texts(api.as("olga").get("/api/requests?size=200").body().path("items"), "id")).contains(acme, globex);
        assertThat(api.as("olga").get("/api/requests/" + acme).status()).isEqualTo(200);
        assertThat(api.as("olga").get("/api/requests/" + globex).status()).isEqualTo(200);
    }

    @Test
    void callsWithoutAValidTokenAreUnauthorized() throws Exception {
        assertThat(api.anonymous().get("/api/requests").status()).isEqualTo(401);
        assertThat(api.anonymous().get("/api/tasks").status()).isEqualTo(401);

        String forged = tokenSignedByAnotherKey("alice", List.of("/tenants/acme/engineering"));
        assertThat(api.withToken(forged).get("/api/requests").status()).isEqualTo(401);
        assertThat(api.withToken(forged).get("/api/tasks").status()).isEqualTo(401);
        assertThat(api.withToken(forged).post("/api/requests", submission("acme", "web", "vm", smallVm())).status())
                .isEqualTo(401);
    }

    /** Claims exactly like the dev identity's, signed by a key the application has never seen. */
    private String tokenSignedByAnotherKey(String username, List<String> groups) throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(identity.issuer())
                .subject(UUID.randomUUID().toString())
                .audience("stackgate-backend")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("preferred_username", username)
                .claim("groups", groups)
                .claim("realm_access", Map.of("roles", List.of("requester")))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
