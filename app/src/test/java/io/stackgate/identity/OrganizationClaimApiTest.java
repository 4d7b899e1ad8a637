package io.stackgate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.JWTClaimsSet;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A Keycloak {@code organization} claim opens no tenant unless stackgate.security.organization-tenants is on. */
@StackgateTest
class OrganizationClaimApiTest {

    @Autowired
    Api api;

    @Autowired
    DevIdentity identity;

    @Test
    void aGlobexRequesterWhoseTokenNamesAcmeAsOrganizationSeesNothingOfAcme() {
        Api.As dave = api.withToken(identity.sign(new JWTClaimsSet.Builder()
                .issuer(identity.issuer())
                .subject(UUID.randomUUID().toString())
                .audience("stackgate-backend")
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("preferred_username", "dave")
                .claim("groups", List.of("/tenants/globex/operations"))
                .claim("realm_access", Map.of("roles", List.of("requester")))
                .claim("organization", Map.of("acme", Map.of("id", UUID.randomUUID().toString())))
                .build()));

        List<String> tenants = new java.util.ArrayList<>();
        dave.get("/api/tenants").body().forEach(tenant -> tenants.add(tenant.path("id").asText()));
        assertThat(tenants).containsExactly("globex");
        assertThat(dave.get("/api/tenants/acme/projects").status()).isEqualTo(404);
        assertThat(dave.get("/api/requests?tenant=acme").body().path("items")).isEmpty();
        assertThat(dave.get("/api/resources?tenant=acme").body().path("items")).isEmpty();
    }
}
