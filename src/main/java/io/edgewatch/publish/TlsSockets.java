package io.edgewatch.publish;

import io.edgewatch.config.MqttSecurity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory for Paho from PEM files with plain JDK APIs: the CA certificate(s) become an
 * in-memory trust store, the client certificate chain and PKCS#8 key (RSA or EC) an in-memory key store.
 */
public final class TlsSockets {
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final char[] NO_PASSWORD = new char[0];

    private TlsSockets() {}

    /** @throws IllegalArgumentException naming the file that cannot be used */
    public static SSLSocketFactory factory(MqttSecurity security) {
        try {
            TrustManagerFactory tmf = null;
            if (!security.caFile().isEmpty()) {
                KeyStore trust = emptyStore();
                int i = 0;
                for (Certificate c : certificates(security.caFile())) {
                    trust.setCertificateEntry("ca-" + i++, c);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (security.clientCertificate()) {
                KeyStore keys = emptyStore();
                keys.setKeyEntry("client", privateKey(security.keyFile()), NO_PASSWORD,
                        certificates(security.certFile()).toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, NO_PASSWORD);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up MQTT TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        return ks;
    }

    private static Collection<? extends Certificate> certificates(String file)
            throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + file);
            }
            return certs;
        }
    }

    private static PrivateKey privateKey(String file) throws GeneralSecurityException, IOException {
        Matcher m = PKCS8.matcher(Files.readString(Path.of(file), StandardCharsets.US_ASCII));
        if (!m.find()) {
            throw new GeneralSecurityException(file + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert"
                    + " it with: openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw new GeneralSecurityException("unsupported key in " + file + ": " + last.getMessage());
    }
}
