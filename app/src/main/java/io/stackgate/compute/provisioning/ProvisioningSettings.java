package io.stackgate.compute.provisioning;

import io.stackgate.compute.ComputeProperties;
import org.springframework.stereotype.Component;

/** What {@code provision-vm.bpmn} reads from the configuration: {@code ${provisioningSettings.retryCycle}}. */
@Component("provisioningSettings")
public class ProvisioningSettings {

    private final String retryCycle;

    ProvisioningSettings(ComputeProperties properties) {
        this.retryCycle = properties.provisioning().retryCycle();
    }

    public String getRetryCycle() {
        return retryCycle;
    }
}
