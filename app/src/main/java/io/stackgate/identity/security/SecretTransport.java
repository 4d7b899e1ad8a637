package io.stackgate.identity.security;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.stackgate.identity.keycloak.KeycloakProperties;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With an external issuer, the backend client's secret goes only where it was explicitly sent, and never over plain
 * HTTP to another machine: the group sync and Camunda's identity plugin send it to {@code stackgate.keycloak.base-url},
 * the Cockpit login to the issuer's token endpoint. Checked at start-up, before any bean exists that could send it;
 * loopback HTTP (a Keycloak on this machine, the tests') stays allowed.
 */
@Configuration(proxyBeanMethods = false)
class SecretTransport {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    /** Runs before any singleton is created; the settings are bound here as they will be for the beans. */
    @Bean
    static BeanFactoryPostProcessor secretTransportCheck(Environment environment) {
        return beanFactory -> {
            Binder binder = Binder.get(environment);
            check(binder.bindOrCreate("stackgate.security", SecurityProperties.class),
                    binder.bindOrCreate("stackgate.keycloak", KeycloakProperties.class),
                    // the Cockpit login (authorization code on the backend client) comes with Camunda's webapps
                    environment.getProperty("camunda.bpm.webapp.enabled", Boolean.class, true));
        };
    }

    /** Fails the start when the secret would travel unsafely; does nothing without an external issuer or a secret. */
    static void check(SecurityProperties security, KeycloakProperties keycloak, boolean cockpitLogin) {
        List<String> problems = problems(security, keycloak, cockpitLogin);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The Keycloak backend client secret (STACKGATE_KEYCLOAK_CLIENT_SECRET) would "
                    + "be sent unsafely: " + String.join("; ", problems));
        }
    }

    static List<String> problems(SecurityProperties security, KeycloakProperties keycloak, boolean cockpitLogin) {
        List<String> problems = new ArrayList<>();
        if (!security.hasExternalIssuer() || keycloak.backendClientSecret().isBlank()) {
            return problems;
        }
        if (keycloak.baseUrl().equals(KeycloakProperties.defaultBaseUrl(keycloak.httpPort()))) {
            problems.add("stackgate.keycloak.base-url (STACKGATE_KEYCLOAK_BASE_URL) is left at its default "
                    + keycloak.baseUrl() + "; set it to the external Keycloak's address, e.g. https://kc.example");
        } else if (isPlainHttpToAnotherMachine(keycloak.baseUrl())) {
            problems.add("stackgate.keycloak.base-url (STACKGATE_KEYCLOAK_BASE_URL) " + keycloak.baseUrl()
                    + " is plain HTTP to another machine; use https://");
        }
        if (cockpitLogin && isPlainHttpToAnotherMachine(security.issuerUri())) {
            problems.add("the issuer " + security.issuerUri() + " (STACKGATE_ISSUER_URI) is plain HTTP to another "
                    + "machine and the Cockpit login sends the secret to its token endpoint; use https://");
        }
        return problems;
    }

    static boolean isPlainHttpToAnotherMachine(String url) {
        URI uri = URI.create(url.strip());
        return "http".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                && !isLoopback(uri.getHost());
    }

    /** By name only: no DNS look-up decides where a secret may go. */
    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.equals("localhost") || name.endsWith(".localhost") || name.equals("::1")
                || name.equals("0:0:0:0:0:0:0:1") || IPV4_LOOPBACK.matcher(name).matches();
    }
}
