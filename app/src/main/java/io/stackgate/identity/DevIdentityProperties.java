package io.stackgate.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded default's token issuer: demo users and the key that signs their tokens.
 * Used only when no {@code stackgate.security.issuer-uri} is configured.
 */
@ConfigurationProperties("stackgate.dev-identity")
public record DevIdentityProperties(Path keyFile, String issuer, Duration tokenLifetime, Map<String, DemoUser> users) {

    public DevIdentityProperties {
        users = users == null ? Map.of() : Map.copyOf(users);
        tokenLifetime = tokenLifetime == null ? Duration.ofHours(8) : tokenLifetime;
    }

    public record DemoUser(List<String> groups, List<String> roles) {

        public DemoUser {
            groups = groups == null ? List.of() : List.copyOf(groups);
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
