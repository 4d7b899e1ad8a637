package io.stackgate.identity.keycloak;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.stackgate.identity.DevIdentityProperties;
import io.stackgate.identity.TenantGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The dev Keycloak: unpacked under {@code stackgate.keycloak.home}, given the realm generated from tenants-config,
 * started with the app (or reused when one already answers) and stopped with it. The app does not wait for it:
 * readiness is polled in the background.
 */
public class DevKeycloak implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DevKeycloak.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final KeycloakProperties keycloak;
    private final RealmGenerator realms;
    private final TenantGroups tenantGroups;
    private final DevIdentityProperties demoUsers;
    private final KeycloakServer server;
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean running;

    DevKeycloak(KeycloakProperties keycloak, TenantGroups tenantGroups, DevIdentityProperties demoUsers) {
        this.keycloak = keycloak;
        this.realms = new RealmGenerator(keycloak);
        this.tenantGroups = tenantGroups;
        this.demoUsers = demoUsers;
        this.server = new KeycloakServer(keycloak.home(), keycloak.version(), keycloak.httpPort(),
                keycloak.managementPort());
    }

    @Override
    public void start() {
        running = true;
        server.unpack();
        server.importRealm(realms.realm(tenantGroups.declared(), demoUsers.users(), true));
        if (server.isReady()) {
            log.info("dev Keycloak already running at {}: reusing it", keycloak.baseUrl());
            ready.countDown();
            return;
        }
        String adminPassword = Secrets.readOrCreate(keycloak.home().resolve("bootstrap-admin-password"));
        server.start(Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword));
        log.info("dev Keycloak starting at {} (log: {})", keycloak.baseUrl(), server.log());
        Thread poll = new Thread(() -> {
            if (server.awaitReady(START_TIMEOUT)) {
                log.info("dev Keycloak ready at {} (realm {})", keycloak.baseUrl(), keycloak.realm());
                ready.countDown();
            } else {
                log.warn("dev Keycloak did not become ready within {}: see {}", START_TIMEOUT, server.log());
            }
        }, "dev-keycloak-ready");
        poll.setDaemon(true);
        poll.start();
    }

    /** Waits up to {@code timeout} for the dev Keycloak to answer; true when it does. */
    public boolean awaitReady(Duration timeout) {
        try {
            return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void stop() {
        server.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the web server and stops after it. */
    @Override
    public int getPhase() {
        return 0;
    }
}
