package io.stackgate.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Signs Keycloak-shaped tokens ({@code preferred_username}, {@code groups} with full paths,
 * {@code realm_access.roles}, {@code aud}) with an RSA key kept (0600) on disk. Only the fast test suite enables it
 * ({@code stackgate.dev-identity.enabled}); everything else takes tokens from Keycloak.
 */
public class DevIdentity {

    private final DevIdentityProperties properties;
    private final Clock clock;
    private final RSAKey key;

    public DevIdentity(DevIdentityProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.key = loadOrCreateKey(properties.keyFile());
    }

    public String issuer() {
        return properties.issuer();
    }

    public boolean knows(String username) {
        return properties.users().containsKey(username);
    }

    /** The subject a test token of this user carries: stable per username. */
    public static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(username.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A token for a configured demo user. */
    public String tokenFor(String username) {
        DevIdentityProperties.DemoUser user = properties.users().get(username);
        if (user == null) {
            throw new IllegalArgumentException("unknown demo user " + username);
        }
        return token(username, user.groups(), user.roles(), properties.tokenLifetime());
    }

    /** A token with exactly these claims; tests use it to build callers the demo users don't cover. */
    public String token(String username, List<String> groups, List<String> roles, Duration lifetime) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .subject(subjectOf(username))
                .audience("stackgate-backend")
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("preferred_username", username)
                .claim("groups", groups)
                .claim("realm_access", Map.of("roles", roles))
                .claim("azp", "stackgate-portal")
                .build();
        return sign(claims);
    }

    /** Signs exactly these claims with the test key (tests use it for wrong issuers, audiences and expiries). */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }

    /** Checks the test tokens' signatures. */
    public NimbusJwtDecoder decoder() {
        try {
            RSAPublicKey publicKey = key.toRSAPublicKey();
            return NimbusJwtDecoder.withPublicKey(publicKey).build();
        } catch (JOSEException e) {
            throw new IllegalStateException("dev identity key is unusable", e);
        }
    }

    private static RSAKey loadOrCreateKey(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey generated = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
                    .keyID(UUID.randomUUID().toString()).generate();
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, "dev-identity", ".tmp");
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(temp, generated.toJSONString());
            Files.move(temp, file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the dev identity key " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("dev identity key " + file + " is unusable", e);
        }
    }
}
