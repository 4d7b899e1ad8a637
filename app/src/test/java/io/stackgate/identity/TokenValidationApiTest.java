package io.stackgate.identity;

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
import io.stackgate.identity.security.TokenIssuer;
import io.stackgate.support.Api;
import io.stackgate.support.StackgateTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A token is accepted only when signed by the issuer's key, unexpired, from the issuer and for our audience. */
@StackgateTest
class TokenValidationApiTest {

    @Autowired
    Api api;

    @Autowired
    DevIdentity identity;

    @Autowired
    TokenIssuer issuer;

    private JWTClaimsSet.Builder aliceClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer.uri())
                .audience("stackgate-backend")
                .subject(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", "alice")
                .claim("groups", List.of("/tenants/acme/engineering"))
                .claim("realm_access", Map.of("roles", List.of("requester")));
    }

    private int statusWith(String token) {
        return api.withToken(token).get("/api/requests").status();
    }

    @Test
    void aWellFormedTokenIsAccepted() {
        assertThat(statusWith(identity.sign(aliceClaims().build()))).isEqualTo(200);
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(3600);
        assertThat(statusWith(identity.sign(aliceClaims().issueTime(Date.from(past.minusSeconds(300)))
                .expirationTime(Date.from(past)).build()))).isEqualTo(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertThat(statusWith(identity.sign(aliceClaims().issuer("http://127.0.0.1:1/realms/elsewhere").build())))
                .isEqualTo(401);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        assertThat(statusWith(identity.sign(aliceClaims().audience("some-other-service").build()))).isEqualTo(401);
        assertThat(statusWith(identity.sign(aliceClaims().audience(List.of()).build()))).isEqualTo(401);
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        assertThat(statusWith(identity.sign(aliceClaims().subject(null).build()))).isEqualTo(401);
    }

    @Test
    void anIdTokenIsNotAnAccessToken() {
        assertThat(statusWith(identity.sign(aliceClaims().claim("typ", "ID").build()))).isEqualTo(401);
        assertThat(statusWith(identity.sign(aliceClaims().claim("typ", "Bearer").build()))).isEqualTo(200);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("intruder").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("intruder").build(),
                aliceClaims().build());
        jwt.sign(new RSASSASigner(otherKey));
        assertThat(statusWith(jwt.serialize())).isEqualTo(401);
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = identity.sign(aliceClaims().build());
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                aliceClaims().claim("realm_access", Map.of("roles", List.of("platform-admin"))).build().toString()
                        .getBytes()) + "." + parts[2];
        assertThat(statusWith(forged)).isEqualTo(401);
    }
}
