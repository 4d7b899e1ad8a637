package io.stackgate.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/** The whole application on a random port, trusting the one real Keycloak of this test run ({@link RealKeycloak}). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealKeycloak.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "stackgate.tenants.config-dir=" + RealKeycloak.TENANTS_CONFIG)
@ContextConfiguration(initializers = RealKeycloak.Initializer.class)
@ActiveProfiles(resolver = TestProfiles.class)
@Import({TestDatabases.class, Api.class, Jobs.class})
public @interface RealKeycloakTest {
}
