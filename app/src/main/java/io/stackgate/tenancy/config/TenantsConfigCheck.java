package io.stackgate.tenancy.config;

import io.stackgate.tenancy.TenantsConfigVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks for a tenants-config version another instance stored ({@code stackgate.tenants.check-interval}) and puts it
 * in force here. Runs on every instance (no lock): each must converge itself.
 */
@Component
class TenantsConfigCheck {

    private static final Logger log = LoggerFactory.getLogger(TenantsConfigCheck.class);

    private final TenantsConfigVersion version;

    TenantsConfigCheck(TenantsConfigVersion version) {
        this.version = version;
    }

    @Scheduled(fixedDelayString = "${stackgate.tenants.check-interval:PT5S}",
            initialDelayString = "${stackgate.tenants.check-interval:PT5S}")
    void check() {
        try {
            version.converge();
        } catch (RuntimeException e) {
            log.warn("could not check for a newer tenants-config version (tried again in a moment): {}", e.toString());
        }
    }
}
