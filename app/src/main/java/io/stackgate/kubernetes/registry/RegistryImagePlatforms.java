package io.stackgate.kubernetes.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@link ImagePlatforms} from the configured overrides, else from the image's registry over the OCI Distribution API:
 * an image index (or Docker manifest list) names its platforms; a single image manifest's config blob names its
 * architecture. Only the configured registries are asked, through {@link RegistryHttp} (allow-listed hosts, public
 * addresses, redirects and token services checked alike): a tenant's DaemonSet naming an image on any other host makes
 * no request. Registries that want a token get an anonymous one ({@code WWW-Authenticate: Bearer}); nothing else is
 * authenticated, so private images need an override. Answers, known or not, are kept for
 * {@link ImagePlatformProperties#cacheFor()}.
 */
@Component
class RegistryImagePlatforms implements ImagePlatforms {

    private static final Logger log = LoggerFactory.getLogger(RegistryImagePlatforms.class);

    private static final String MANIFEST_TYPES = String.join(", ", "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Pattern BLOB_DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+");
    /** Attestations and signatures are listed in an index with platform unknown/unknown. */
    private static final String UNKNOWN = "unknown";

    private final ImagePlatformProperties properties;
    private final ObjectMapper json;
    private final RegistryHttp http;
    private final Map<String, Answer> cache = new ConcurrentHashMap<>();
    private final Clock clock;

    @Autowired
    RegistryImagePlatforms(ImagePlatformProperties properties, ObjectMapper json, Clock clock) {
        this(properties, json, new RegistryHttp(properties), clock);
    }

    RegistryImagePlatforms(ImagePlatformProperties properties, ObjectMapper json, RegistryHttp http, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public boolean asksRegistryOf(String image) {
        try {
            return properties.looksUp(ImageReference.parse(image).registry());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }

    @Override
    public Optional<Set<String>> architectures(String image) {
        ImageReference reference;
        try {
            reference = ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            return properties.overrideFor(image, null).or(() -> unknown(image, e.getMessage()));
        }
        Optional<Set<String>> override = properties.overrideFor(image, reference);
        if (override.isPresent() || !properties.lookup()) {
            return override;
        }
        if (!properties.looksUp(reference.registry())) {
            return unknown(image, "its registry " + reference.registry() + " is not looked up "
                    + "(stackgate.kubernetes.images.registries)");
        }
        String key = reference.toString();
        Answer cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return cached.architectures();
        }
        Optional<Set<String>> answer = lookUp(image, reference);
        cache.values().removeIf(a -> !clock.instant().isBefore(a.until()));
        if (!Thread.currentThread().isInterrupted()) {
            cache.put(key, new Answer(answer, clock.instant().plus(properties.cacheFor())));
        }
        return answer;
    }

    private Optional<Set<String>> lookUp(String image, ImageReference reference) {
        try {
            return Optional.of(new Lookup(reference).architectures());
        } catch (LookupFailed | IllegalArgumentException e) {
            return unknown(image, e.getMessage());
        } catch (JsonProcessingException e) {
            return unknown(image, "the registry answered no JSON: " + e.getOriginalMessage());
        } catch (RegistryHttp.Refused | RegistryHttp.RefusedAddress e) {
            return unknown(image, "refused: " + e.getMessage());
        } catch (java.io.InterruptedIOException e) {
            if (Thread.currentThread().isInterrupted()) {
                return unknown(image, "interrupted");
            }
            return unknown(image, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (IOException e) {
            return unknown(image, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private static Optional<Set<String>> unknown(String image, String reason) {
        log.warn("Cannot tell which architectures image {} is published for: {}", image, reason);
        return Optional.empty();
    }

    /** The requests for one image, sharing the registry token they may need. */
    private final class Lookup {

        private final ImageReference image;
        private final String base;
        private String token;

        Lookup(ImageReference image) {
            this.image = image;
            this.base = (properties.isInsecure(image.registry()) ? "http://" : "https://") + image.apiHost();
        }

        Set<String> architectures() throws IOException, LookupFailed {
            JsonNode manifest = get(image.manifestPath(), MANIFEST_TYPES);
            if (manifest.has("manifests")) {
                return platformsOf(manifest.get("manifests"));
            }
            if (manifest.has("config")) {
                String digest = manifest.get("config").path("digest").asText("");
                if (!BLOB_DIGEST.matcher(digest).matches()) {
                    throw new LookupFailed("the manifest's config digest '" + digest + "' is not a digest");
                }
                return architecture(get(image.blobPath(digest), "*/*"), "config blob " + digest);
            }
            if (manifest.has("architecture")) {
                return architecture(manifest, "schema 1 manifest");
            }
            throw new LookupFailed("the registry answered neither an image index nor an image manifest");
        }

        private Set<String> platformsOf(JsonNode manifests) throws LookupFailed {
            SortedSet<String> architectures = new TreeSet<>();
            for (JsonNode manifest : manifests) {
                JsonNode platform = manifest.path("platform");
                String architecture = platform.path("architecture").asText("");
                if (!architecture.isEmpty() && !UNKNOWN.equals(platform.path("os").asText())) {
                    architectures.add(architecture);
                }
            }
            if (architectures.isEmpty()) {
                throw new LookupFailed("the image index names no platform");
            }
            return Collections.unmodifiableSortedSet(architectures);
        }

        private Set<String> architecture(JsonNode node, String what) throws LookupFailed {
            String architecture = node.path("architecture").asText("");
            if (architecture.isEmpty()) {
                throw new LookupFailed("the " + what + " names no architecture");
            }
            return Set.of(architecture);
        }

        /** GET on the registry as JSON: on 401, once, with an anonymous token. */
        private JsonNode get(String path, String accept) throws IOException, LookupFailed {
            URI uri = URI.create(base + path);
            RegistryHttp.Response response = http.get(uri, accept, token);
            if (response.status() == 401) {
                token = anonymousToken(response);
                response = http.get(uri, accept, token);
            }
            if (response.status() / 100 != 2) {
                throw new LookupFailed("GET " + path + " answered HTTP " + response.status());
            }
            return json.readTree(response.body());
        }

        /** The token service named by the challenge is asked only if the allow-list admits it, like any URL. */
        private String anonymousToken(RegistryHttp.Response challenged) throws IOException, LookupFailed {
            if (token != null) {
                throw new LookupFailed("the registry refused its own anonymous token (HTTP 401)");
            }
            String challenge = challenged.challenge().orElse("");
            if (!challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
                throw new LookupFailed("the registry wants credentials (HTTP 401, challenge '" + challenge + "')");
            }
            Map<String, String> parameters = new HashMap<>();
            Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
            while (matcher.find()) {
                parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
            }
            String realm = parameters.get("realm");
            if (realm == null) {
                throw new LookupFailed("the registry's bearer challenge names no realm");
            }
            String scope = parameters.getOrDefault("scope", "repository:" + image.repository() + ":pull");
            String query = (parameters.containsKey("service") ? "service=" + encode(parameters.get("service")) + "&" : "")
                    + "scope=" + encode(scope);
            URI tokenUri;
            try {
                tokenUri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
            } catch (IllegalArgumentException e) {
                throw new LookupFailed("the registry's token realm is no URL");
            }
            RegistryHttp.Response response = http.get(tokenUri, "application/json", null);
            if (response.status() / 100 != 2) {
                throw new LookupFailed("the token service " + tokenUri.getHost() + " answered HTTP "
                        + response.status());
            }
            JsonNode body;
            try {
                body = json.readTree(response.body());
            } catch (JsonProcessingException e) {
                // the parser's message quotes the body, which may hold a token
                throw new LookupFailed("the token service " + tokenUri.getHost() + " answered no JSON");
            }
            String issued = body.path("token").asText(body.path("access_token").asText(""));
            if (issued.isEmpty()) {
                throw new LookupFailed("the token service " + tokenUri.getHost() + " issued no token");
            }
            return issued;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Answer(Optional<Set<String>> architectures, Instant until) {
    }

    /** Why a registry's answer tells nothing; its message goes to the log. */
    private static final class LookupFailed extends Exception {

        LookupFailed(String reason) {
            super(reason);
        }
    }
}
