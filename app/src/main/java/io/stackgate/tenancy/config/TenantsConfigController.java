package io.stackgate.tenancy.config;

import java.net.URI;
import java.util.List;

import io.stackgate.identity.Caller;
import io.stackgate.identity.CallerResolver;
import io.stackgate.identity.NotPlatformAdmin;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Platform admins reload tenants-config without a restart, for every instance (the reloaded folder becomes the newest
 * stored version, which the others put in force within {@code stackgate.tenants.check-interval}); a bad config is
 * refused and the old one stays.
 */
@Tag(name = "Operations")
@RestController
class TenantsConfigController {

    private final TenantRegistry registry;
    private final CallerResolver callers;

    TenantsConfigController(TenantRegistry registry, CallerResolver callers) {
        this.registry = registry;
        this.callers = callers;
    }

    @Operation(operationId = "reloadTenantsConfig", summary = "Reload tenants-config (platform admins); a bad config "
            + "is refused with its errors and the one in force stays")
    @PostMapping("/api/admin/tenants-config/reload")
    TenantRegistry.ReloadReport reload() {
        Caller caller = callers.current();
        if (!caller.hasRole(Caller.PLATFORM_ADMIN)) {
            throw new NotPlatformAdmin("reload tenants-config");
        }
        return registry.reload(caller.username());
    }

}
