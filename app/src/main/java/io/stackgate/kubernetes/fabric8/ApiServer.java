package io.stackgate.kubernetes.fabric8;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;

/** What a joining node needs to know of the API server, read from the client's configuration and the server. */
final class ApiServer {

    private final KubernetesClient client;

    ApiServer(KubernetesClient client) {
        this.client = client;
    }

    Optional<String> minorVersion() {
        var version = client.getKubernetesVersion();
        if (version == null || version.getMajor() == null || version.getMinor() == null) {
            return Optional.empty(); // the demo cluster's mock server tells none
        }
        return Optional.of("v" + version.getMajor() + "." + version.getMinor().replaceAll("[^0-9]", ""));
    }

    String endpoint() {
        URI server = URI.create(client.getConfiguration().getMasterUrl());
        int port = server.getPort() > 0 ? server.getPort() : "https".equals(server.getScheme()) ? 443 : 80;
        return server.getHost() + ":" + port;
    }

    Optional<String> caCertHash() {
        try {
            String data = client.getConfiguration().getCaCertData();
            String file = client.getConfiguration().getCaCertFile();
            byte[] pem;
            if (data != null && !data.isBlank()) {
                pem = Base64.getDecoder().decode(data.trim());
            } else if (file != null && !file.isBlank()) {
                pem = Files.readAllBytes(Path.of(file));
            } else {
                return Optional.empty();
            }
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(ca.getPublicKey().getEncoded());
            return Optional.of("sha256:" + HexFormat.of().formatHex(digest));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the CA certificate the kubeconfig trusts: " + e.getMessage(), e);
        }
    }
}
