package io.stackgate.tenancy.config;

import java.util.List;

/** The tenants-config folder does not exist or holds no tenant file: nothing to put in force. */
class TenantsConfigMissing extends TenantsConfigInvalid {

    TenantsConfigMissing(String configDir, String reason) {
        super(List.of(new ConfigError(configDir, 0, "", reason)), "tenants-config folder " + reason
                + ": set STACKGATE_TENANTS_CONFIGDIR (stackgate.tenants.config-dir) to the folder of tenant files"
                + " (only the dev profile falls back to the demo tenants packaged in the jar)");
    }

    @Override
    public String title() {
        return "No tenants-config";
    }
}
