package io.stackgate.audit.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installation's Ed25519 key for the audit checkpoints, read from a PEM file holding its {@code PRIVATE KEY} and
 * {@code PUBLIC KEY} blocks ({@code openssl genpkey -algorithm ed25519 -out k.pem; openssl pkey -in k.pem -pubout >> k.pem}).
 * A missing file is created with a new key (readable by its owner only), so the embedded default signs from the
 * first start; production mounts its own. The private key is never logged or served.
 */
final class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN (PRIVATE|PUBLIC) KEY-----([^-]+)-----END \\1 KEY-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String id;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.id = ChainHashes.sha256(publicKey.getEncoded()).substring(0, 16);
    }

    static SigningKey load(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            String pem = Files.readString(file, StandardCharsets.US_ASCII);
            byte[] privateBytes = null;
            byte[] publicBytes = null;
            Matcher m = BLOCK.matcher(pem);
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2).trim());
                if (m.group(1).equals("PRIVATE")) {
                    privateBytes = der;
                } else {
                    publicBytes = der;
                }
            }
            if (privateBytes == null || publicBytes == null) {
                throw new IllegalStateException("the audit signing key file " + file.toAbsolutePath()
                        + " needs a PRIVATE KEY and a PUBLIC KEY block (Ed25519, PEM)");
            }
            KeyFactory keys = KeyFactory.getInstance("Ed25519");
            return new SigningKey(keys.generatePrivate(new PKCS8EncodedKeySpec(privateBytes)),
                    keys.generatePublic(new X509EncodedKeySpec(publicBytes)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the audit signing key " + file.toAbsolutePath() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, pem("PRIVATE", pair.getPrivate().getEncoded()) + pem("PUBLIC", pair.getPublic().getEncoded()),
                StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: left as created
        }
        log.info("Audit checkpoints: created a new Ed25519 signing key in {}", file.toAbsolutePath());
    }

    static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + " KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + kind + " KEY-----\n";
    }

    String sign(String payload) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint: " + e.getMessage(), e);
        }
    }

    boolean verifies(String payload, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(publicKey);
            signature.update(payload.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    String id() {
        return id;
    }

    PublicKey publicKey() {
        return publicKey;
    }
}
