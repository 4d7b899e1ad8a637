package io.stackgate.kubernetes.registry;

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
 * @param insecureRegistries registries ({@code host:port} as in the image reference) reached over plain HTTP; they are
 *                           looked up like {@code registries} and named by it (private addresses allowed)
 * @param timeout            connect and response timeout of each request to a registry
 * @param cacheFor           how long an answer, known or not, is reused
 * @param lookup             false: answer from the overrides only, never ask a registry
 * @param registries         the registries (as image references name them: {@code host[:port]}, {@code docker.io} for
 *                           Docker Hub) whose images are looked up; an image of any other registry is never asked
 *                           about: its platforms cannot be told unless an override names them. {@code *.example.com}
 *                           admits every host below example.com
 * @param hosts              further hosts a look-up may reach: the registries' token services and where they redirect
 *                           (blob storage, regional mirrors); {@code host}, {@code host:port} or {@code *.domain}.
 *                           No redirect or token realm leaves {@code registries} and {@code hosts}, and no look-up
 *                           reaches a private, loopback or link-local address unless its host is listed by name
 */
@ConfigurationProperties("stackgate.kubernetes.images")
record ImagePlatformProperties(@DefaultValue Map<String, List<String>> overrides,
        @DefaultValue List<String> insecureRegistries, @DefaultValue("5s") Duration timeout,
        @DefaultValue("10m") Duration cacheFor, @DefaultValue("true") boolean lookup,
        @DefaultValue({"docker.io", "quay.io", "registry.k8s.io", "ghcr.io"}) List<String> registries,
        @DefaultValue({"registry-1.docker.io", "auth.docker.io", "production.cloudflare.docker.com", "*.quay.io",
            "*.pkg.dev", "pkg-containers.githubusercontent.com"}) List<String> hosts) {

    private static final Map<String, String> ARCHITECTURE_ALIASES = Map.of("x86_64", "amd64", "aarch64", "arm64");
    private static final String DOCKER_HUB_API = "registry-1.docker.io";

    ImagePlatformProperties {
        overrides = normalised(overrides == null ? Map.of() : overrides);
        insecureRegistries = insecureRegistries == null ? List.of() : List.copyOf(insecureRegistries);
        registries = registries == null ? List.of() : List.copyOf(registries);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
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

    /** Whether images of this registry ({@code host[:port]} as the reference names it) are looked up. */
    boolean looksUp(String registry) {
        return lookup && (matchesAny(registries, registry) || insecureRegistries.contains(registry));
    }

    /** Whether a look-up may send a request to this {@code host[:port]}: a registry's API host, or a listed host. */
    boolean allows(String authority) {
        return matchesAny(registries, authority) || matchesAny(hosts, authority)
                || insecureRegistries.contains(authority)
                || registries.contains(ImageReference.DOCKER_HUB) && hostOf(authority).equalsIgnoreCase(DOCKER_HUB_API);
    }

    /** Whether the host is listed by name (not by a pattern): only then may it have a private address. */
    boolean namesHost(String host) {
        return java.util.stream.Stream.of(registries, hosts, insecureRegistries).flatMap(List::stream)
                .filter(entry -> !entry.startsWith("*."))
                .anyMatch(entry -> hostOf(entry).equalsIgnoreCase(host));
    }

    /**
     * {@code host} admits the host on any port, {@code host:port} that port only, {@code *.domain} every host below
     * the domain on any port.
     */
    private static boolean matchesAny(List<String> entries, String authority) {
        String host = hostOf(authority);
        return entries.stream().anyMatch(entry -> {
            if (entry.startsWith("*.")) {
                return host.toLowerCase(Locale.ROOT).endsWith(entry.substring(1).toLowerCase(Locale.ROOT));
            }
            return entry.equalsIgnoreCase(authority) || (!hasPort(entry) && hostOf(entry).equalsIgnoreCase(host));
        });
    }

    private static boolean hasPort(String authority) {
        if (authority.startsWith("[")) {
            return authority.contains("]:");
        }
        int colon = authority.indexOf(':');
        return colon >= 0 && colon == authority.lastIndexOf(':');
    }

    /** The host of {@code host[:port]}, an IPv6 address without its brackets. */
    static String hostOf(String authority) {
        String host = hasPort(authority) ? authority.substring(0, authority.lastIndexOf(':')) : authority;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
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
