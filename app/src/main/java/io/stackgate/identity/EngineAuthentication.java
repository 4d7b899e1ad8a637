package io.stackgate.identity;

import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Component;

/**
 * Runs process-engine calls as the caller (user, groups and roles, tenant ids), so Camunda's own
 * tenant check is a second wall behind the platform's checks.
 */
@Component
public class EngineAuthentication {

    private final IdentityService identityService;

    EngineAuthentication(IdentityService identityService) {
        this.identityService = identityService;
    }

    public <T> T as(Caller caller, Supplier<T> work) {
        identityService.setAuthentication(caller.username(), List.copyOf(caller.engineGroups()),
                List.copyOf(caller.tenants()));
        try {
            return work.get();
        } finally {
            identityService.clearAuthentication();
        }
    }

    public void run(Caller caller, Runnable work) {
        as(caller, () -> {
            work.run();
            return null;
        });
    }
}
