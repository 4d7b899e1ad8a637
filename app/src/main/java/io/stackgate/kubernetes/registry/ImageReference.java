package io.stackgate.kubernetes.registry;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A container image reference, {@code [registry/]repository[:tag][@digest]}, read the way Docker reads it
 * (github.com/distribution/reference, {@code ParseNormalizedNamed}): {@code nginx} is
 * {@code docker.io/library/nginx:latest}; the first path component is a registry only if it contains {@code .} or
 * {@code :}, is {@code localhost} or is not lowercase.
 *
 * @param registry   the registry as written ({@code docker.io} for Docker Hub), with its port if any
 * @param repository the repository path on that registry, e.g. {@code library/nginx} or {@code calico/node}
 * @param tag        the tag; {@code latest} when neither a tag nor a digest is given, null when only a digest is
 * @param digest     the digest, e.g. {@code sha256:<64 hex>}, or null
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    static final String DOCKER_HUB = "docker.io";
    /** Docker Hub's registry API is not served at docker.io itself. */
    private static final String DOCKER_HUB_API = "registry-1.docker.io";
    private static final String LEGACY_DOCKER_HUB = "index.docker.io";
    private static final String DEFAULT_TAG = "latest";
    private static final int MAX_REPOSITORY_LENGTH = 255;

    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern REPOSITORY = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern REGISTRY = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|\\[[a-fA-F0-9:]+])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("\\w[\\w.-]{0,127}");
    /** The algorithms Docker accepts, each with its own length; hex is lowercase (go-digest). */
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}");
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

    /**
     * Reads an image reference.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static ImageReference parse(String image) {
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("Image reference is empty");
        }
        if (IMAGE_ID.matcher(image).matches()) {
            throw new IllegalArgumentException(
                    "Invalid image reference '" + image + "': a 64-hex image id is not a repository name");
        }
        String name = image;
        String digest = null;
        int at = image.indexOf('@');
        if (at >= 0) {
            name = image.substring(0, at);
            digest = image.substring(at + 1);
            if (!DIGEST.matcher(digest).matches()) {
                throw invalid(image, "digest '" + digest + "' is not sha256:<64 hex>, sha384:<96 hex> or sha512:<128 hex>"
                        + " in lowercase");
            }
        }
        String registry = DOCKER_HUB;
        String remainder = name;
        int slash = name.indexOf('/');
        if (slash >= 0 && isRegistry(name.substring(0, slash))) {
            registry = name.substring(0, slash);
            remainder = name.substring(slash + 1);
        }
        if (registry.equals(LEGACY_DOCKER_HUB)) {
            registry = DOCKER_HUB;
        }
        // the port, if any, went with the registry: a ':' left in the remainder can only start the tag
        String repository = remainder;
        String tag = null;
        int colon = remainder.indexOf(':');
        if (colon >= 0) {
            repository = remainder.substring(0, colon);
            tag = remainder.substring(colon + 1);
        }
        if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
            repository = "library/" + repository;
        }
        check(image, registry, repository, tag);
        if (tag == null && digest == null) {
            tag = DEFAULT_TAG;
        }
        return new ImageReference(registry, repository, tag, digest);
    }

    /** The {@code host[:port]} that serves this image's registry API. */
    String apiHost() {
        return registry.equals(DOCKER_HUB) ? DOCKER_HUB_API : registry;
    }

    /** {@code /v2/<repository>/manifests/<digest or tag>}: the digest wins when both are given. */
    String manifestPath() {
        return "/v2/" + repository + "/manifests/" + (digest != null ? digest : tag);
    }

    /** {@code /v2/<repository>/blobs/<digest>}. */
    String blobPath(String blobDigest) {
        return "/v2/" + repository + "/blobs/" + blobDigest;
    }

    /** The fully qualified form, e.g. {@code docker.io/library/nginx:latest}. */
    @Override
    public String toString() {
        return registry + "/" + repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    private static boolean isRegistry(String firstComponent) {
        return firstComponent.contains(".") || firstComponent.contains(":") || firstComponent.equals("localhost")
                || !firstComponent.toLowerCase(Locale.ROOT).equals(firstComponent);
    }

    private static void check(String image, String registry, String repository, String tag) {
        if (!REGISTRY.matcher(registry).matches()) {
            throw invalid(image, "registry '" + registry + "' is not a host name or address with an optional port");
        }
        if (!repository.toLowerCase(Locale.ROOT).equals(repository)) {
            throw invalid(image, "repository name '" + repository + "' must be lowercase");
        }
        if (!REPOSITORY.matcher(repository).matches()) {
            throw invalid(image, "repository name '" + repository + "' is not lowercase letters and digits in "
                    + "'/'-separated components joined by '.', '_', '__' or '-'");
        }
        if (repository.length() > MAX_REPOSITORY_LENGTH) {
            throw invalid(image, "repository name is longer than " + MAX_REPOSITORY_LENGTH + " characters");
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw invalid(image, "tag '" + tag + "' is not 1 to 128 letters, digits, '_', '.' or '-' starting with"
                    + " a letter, digit or '_'");
        }
    }

    private static IllegalArgumentException invalid(String image, String reason) {
        return new IllegalArgumentException("Invalid image reference '" + image + "': " + reason);
    }
}
