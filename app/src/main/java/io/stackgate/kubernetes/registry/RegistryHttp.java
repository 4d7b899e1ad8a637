package io.stackgate.kubernetes.registry;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * GETs to container registries, only where {@code stackgate.kubernetes.images} allows them: every URL — the manifest's,
 * each redirect's, a token service's — must be on the allow-list ({@link ImagePlatformProperties#allows}), use HTTPS
 * unless its host is an insecure registry, and resolve to public addresses only, unless its host is listed by name
 * (not by a {@code *.} pattern). The addresses are checked by the connection's own resolver, so a name that resolves
 * differently the second time cannot slip past the check. Redirects are followed here, each hop checked; the bearer
 * token goes to the registry that asked for it, never to where it redirects.
 */
final class RegistryHttp implements AutoCloseable {

    /** An answer: status, the headers a look-up reads, the body. */
    record Response(int status, Optional<String> location, Optional<String> challenge, byte[] body) {
    }

    /** A URL the allow-list does not admit, or a host that resolves to an address it may not reach. */
    static final class Refused extends IOException {

        Refused(String reason) {
            super(reason);
        }
    }

    /** Name resolution, replaceable in tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final int MAX_REDIRECTS = 5;

    private final ImagePlatformProperties properties;
    private final Resolver dns;
    private final CloseableHttpClient http;

    RegistryHttp(ImagePlatformProperties properties) {
        this(properties, InetAddress::getAllByName);
    }

    RegistryHttp(ImagePlatformProperties properties, Resolver dns) {
        this.properties = properties;
        this.dns = dns;
        Timeout timeout = Timeout.of(properties.timeout());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckingResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(timeout)
                                .setSocketTimeout(timeout).build())
                        .setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableRedirectHandling().disableAutomaticRetries().disableCookieManagement()
                .disableAuthCaching().build();
    }

    /**
     * GET, following up to five redirects, each checked like the first URL.
     *
     * @param token sent as a bearer token to {@code uri}'s own host and port only, if not null
     * @throws Refused when a URL is not allowed
     */
    Response get(URI uri, String accept, String token) throws IOException {
        URI target = uri;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            check(target);
            HttpGet request = new HttpGet(target);
            request.setHeader("Accept", accept);
            if (token != null && target.getRawAuthority().equals(uri.getRawAuthority())) {
                request.setHeader("Authorization", "Bearer " + token);
            }
            Response response = http.execute(request, answer -> new Response(answer.getCode(),
                    header(answer.getFirstHeader("Location")), header(answer.getFirstHeader("WWW-Authenticate")),
                    answer.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(answer.getEntity())));
            if (response.status() / 100 != 3 || response.location().isEmpty()) {
                return response;
            }
            target = target.resolve(response.location().get());
        }
        throw new Refused("more than " + MAX_REDIRECTS + " redirects from " + uri.getPath());
    }

    /** Whether a URL may be asked at all (before anything is resolved). */
    void check(URI uri) throws IOException {
        String host = uri.getHost();
        if (host == null) {
            throw new Refused("no host in " + uri.getScheme() + " URL");
        }
        String authority = authority(uri);
        if (!properties.allows(authority)) {
            throw new Refused(authority + " is not an allowed registry or registry host "
                    + "(stackgate.kubernetes.images.registries, .hosts)");
        }
        boolean insecure = properties.isInsecure(authority);
        if (!"https".equals(uri.getScheme()) && !(insecure && "http".equals(uri.getScheme()))) {
            throw new Refused(uri.getScheme() + "://" + authority + " is not HTTPS");
        }
        publicAddressesOf(stripBrackets(host));
    }

    /** The host's addresses; private, loopback, link-local and the like only for a host the allow-list names. */
    private InetAddress[] publicAddressesOf(String host) throws UnknownHostException {
        InetAddress[] addresses = dns.resolve(host);
        if (!properties.namesHost(host)) {
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw new RefusedAddress(host + " resolves to " + address.getHostAddress() + ", which is not a public "
                            + "address; list the host by name to reach it");
                }
            }
        }
        return addresses;
    }

    /** Resolution at connect time, checked again: what the connection reaches is what was checked. */
    private final class CheckingResolver implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return publicAddressesOf(stripBrackets(host));
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            List<InetSocketAddress> addresses = new ArrayList<>();
            for (InetAddress address : resolve(host)) {
                addresses.add(new InetSocketAddress(address, port));
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }

    /** An address check failed while connecting (the resolver may throw only this kind). */
    static final class RefusedAddress extends UnknownHostException {

        RefusedAddress(String reason) {
            super(reason);
        }
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xfe) != 0xfc; // fc00::/7, unique local
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first != 0 // 0.0.0.0/8, "this network"
                && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10, carrier-grade NAT
                && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // 192.0.0.0/24, protocol assignments
                && !(first == 198 && (second == 18 || second == 19)) // 198.18.0.0/15, benchmarking
                && first < 240; // 240.0.0.0/4, reserved, and the broadcast address
    }

    /** {@code host[:port]} as image references and the allow-list write it. */
    static String authority(URI uri) {
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static Optional<String> header(Header header) {
        return Optional.ofNullable(header).map(Header::getValue);
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
