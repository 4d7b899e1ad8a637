package io.stackgate.requests;

import java.util.List;

import io.stackgate.tenancy.Quota;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A virtual machine. {@code name} becomes the hostname, so it is a DNS label. */
public record VmSpec(
        @NotBlank @Pattern(regexp = "^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$", message = "must be a DNS label: lower-case letters, digits and '-', starting with a letter") String name,
        @NotNull @Pattern(regexp = "^(x86_64|aarch64)$", message = "must be x86_64 or aarch64") String arch,
        @NotNull @Min(1) @Max(128) Integer vcpus,
        @NotNull @Min(256) @Max(1048576) Long memoryMiB,
        @NotNull @Min(1) @Max(65536) Long diskGiB,
        @NotBlank @Size(max = 128) String image,
        @Min(0) @Max(8) Integer gpus,
        @Size(max = 20) List<@Pattern(regexp = "^(ssh-(rsa|ed25519)|ecdsa-sha2-nistp(256|384|521)) [A-Za-z0-9+/=]+( .*)?$", message = "must be an OpenSSH public key") String> sshKeys,
        @Size(max = 16384) String userData,
        @Min(1) @Max(3650) Integer leaseDays) implements RequestSpec {

    public VmSpec {
        gpus = gpus == null ? 0 : gpus;
        sshKeys = sshKeys == null ? List.of() : List.copyOf(sshKeys);
    }

    /** Cloud-init user data may hold passwords and tokens, SSH keys say who gets in: for the request's owners only. */
    @Override
    public RequestSpec withoutSecrets() {
        return new VmSpec(name, arch, vcpus, memoryMiB, diskGiB, image, gpus, List.of(), null, leaseDays);
    }

    @Override
    public List<String> secretFields() {
        List<String> fields = new java.util.ArrayList<>();
        if (userData != null) {
            fields.add("spec.userData");
        }
        if (!sshKeys.isEmpty()) {
            fields.add("spec.sshKeys");
        }
        return fields;
    }

    @Override
    public Quota demand() {
        return new Quota(vcpus, memoryMiB, diskGiB, gpus, 1, 0);
    }

    @Override
    public Sizing sizing() {
        return new Sizing(vcpus, memoryMiB, diskGiB, gpus, 1);
    }
}
