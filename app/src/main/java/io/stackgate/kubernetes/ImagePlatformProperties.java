package io.stackgate.kubernetes;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How {@link RegistryImagePlatforms} tells which architectures a container image is published for.
 * <p>
 * Override keys contain {@code /}, {@code :} and {@code *}, which Spring drops from map keys unless they are in
 * brackets, and the brackets must survive YAML, so the key is quoted:
 * <pre>
 * stackgate:
 *   kubernetes:
 *     images:
 *       overrides:
 *         "[quay.io/calico/*]": [amd64, arm64]
 *         "[registry.k8s.io/pause:3.9]": [amd64, arm64]
 *       insecure-registries: [registry.local:5000]
 * </pre>
 * Unbracketed, {@code quay.io/calico/*} would arrive as the key {@code quay.iocalico}. Environment variables cannot
 * carry such keys: overrides belong in YAML.
 *
 * @param overrides          architectures by image, for air-gapped clusters and registries that will not answer; a
 *                           key is an image reference (kept in its full form, {@code nginx} becoming
 *                           {@code docker.io/library/nginx:latest}) or a prefix ending in {@code *}, compared with
 *                           the image as written and in its full form ({@code quay.io/calico/node:*} is every tag of
 *                           one repository); an exact key wins over prefixes, a longer prefix over a shorter one.
 *                           Values are Kubernetes architecture names; {@code x86_64} and {@code aarch64} are read as
 *                           {@code amd64} and {@code arm64}
 * @param insecureRegistries registries ({@code host:port} as in the image reference) reached over plain HTTP
 * @param timeout            connect and response timeout of each request to a registry
 * @param cacheFor           how long an answer, known or not, is reused
 * @param lookup             false: answer from the overrides only, never ask a registry
 */
@ConfigurationProperties("stackgate.kubernetes.images")
record ImagePlatformProperties(@DefaultValue Map<String, List<String>> overrides,
        @DefaultValue List<String> insecureRegistries, @DefaultValue("5s") Duration timeout,
        @DefaultValue("10m") Duration cacheFor, @DefaultValue("true") boolean lookup) {

    private static final Map<String, String> ARCHITECTURE_ALIASES = Map.of("x86_64", "amd64", "aarch64", "arm64");

    ImagePlatformProperties {
        overrides = normalised(overrides == null ? Map.of() : overrides);
        insecureRegistries = insecureRegistries == null ? List.of() : List.copyOf(insecureRegistries);
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        cacheFor = cacheFor == null ? Duration.ofMinutes(10) : cacheFor;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("stackgate.kubernetes.images.timeout must be positive, is " + timeout);
        }
        if (cacheFor.isNegative()) {
            throw new IllegalArgumentException("stackgate.kubernetes.images.cache-for must not be negative");
        }
    }

    /** The configured architectures of an image, if an override matches it. */
    Optional<Set<String>> overrideFor(String image, ImageReference reference) {
        String full = reference == null ? null : reference.toString();
        if (full != null && overrides.containsKey(full)) {
            return Optional.of(asSet(overrides.get(full)));
        }
        return overrides.entrySet().stream().filter(e -> e.getKey().endsWith("*"))
                .filter(e -> matchesPrefix(e.getKey().substring(0, e.getKey().length() - 1), image, full))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(e -> asSet(e.getValue()));
    }

    boolean isInsecure(String registry) {
        return insecureRegistries.contains(registry);
    }

    private static boolean matchesPrefix(String prefix, String image, String full) {
        return image.startsWith(prefix) || (full != null && full.startsWith(prefix));
    }

    private static Set<String> asSet(List<String> architectures) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(architectures));
    }

    /** Exact keys in their full form (checked once, at start-up), architecture aliases mapped. */
    private static Map<String, List<String>> normalised(Map<String, List<String>> overrides) {
        Map<String, List<String>> result = new HashMap<>();
        overrides.forEach((key, architectures) -> {
            String fullKey = key.endsWith("*") ? key : ImageReference.parse(key).toString();
            if (architectures == null || architectures.isEmpty()) {
                throw new IllegalArgumentException("Image override '" + key + "' names no architecture");
            }
            Set<String> names = new TreeSet<>();
            for (String architecture : architectures) {
                String name = architecture.trim().toLowerCase(Locale.ROOT);
                names.add(ARCHITECTURE_ALIASES.getOrDefault(name, name));
            }
            if (result.put(fullKey, List.copyOf(names)) != null) {
                throw new IllegalArgumentException("Image overrides name " + fullKey + " twice");
            }
        });
        return Map.copyOf(result);
    }
}
