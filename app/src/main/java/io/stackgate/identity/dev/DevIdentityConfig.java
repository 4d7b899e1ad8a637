package io.stackgate.identity.dev;

import java.time.Clock;

import io.stackgate.identity.DevIdentity;
import io.stackgate.identity.DevIdentityProperties;
import io.stackgate.identity.UserDirectory;
import io.stackgate.identity.keycloak.KeycloakConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The test-token issuer and its demo users, only where explicitly enabled (the fast test suite). */
@Configuration(proxyBeanMethods = false)
class DevIdentityConfig {

    /** Test tokens signed by a local key. */
    @Bean
    @ConditionalOnProperty(name = "stackgate.dev-identity.enabled", havingValue = "true")
    DevIdentity devIdentity(DevIdentityProperties properties, Clock clock) {
        return new DevIdentity(properties, clock);
    }

    /** Where test tokens are in force and no Keycloak is: the demo users as the directory (delegation checks). */
    @Bean
    @ConditionalOnExpression("${stackgate.dev-identity.enabled:false} and !(" + KeycloakConfig.IN_USE + ")")
    UserDirectory devDirectory(DevIdentityProperties properties) {
        return new DevDirectory(properties);
    }
}
