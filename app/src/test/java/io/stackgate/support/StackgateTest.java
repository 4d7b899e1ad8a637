package io.stackgate.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.stackgate.compute.FailingHypervisor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** The whole application on a random port, on H2 or MariaDB (see {@link TestProfiles}), with the test tenants. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "stackgate.tenants.config-dir=src/test/tenants-config")
@ActiveProfiles(resolver = TestProfiles.class)
@Import({TestDatabases.class, Api.class, Jobs.class, FailingHypervisor.Config.class})
public @interface StackgateTest {
}
