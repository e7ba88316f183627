package io.edgewatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI generated with the openssl CLI (Debian package openssl) at test time: a CA, a server
 * certificate for 127.0.0.1/localhost and a client certificate, all signed by the CA; keys are PKCS#8 PEM.
 */
public record TestCerts(Path ca, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
    private static final Path OPENSSL = Path.of("/usr/bin/openssl");

    public static TestCerts generate(Path dir) {
        if (!Files.isExecutable(OPENSSL)) {
            throw new IllegalStateException(OPENSSL + " not found: install the Debian package 'openssl'");
        }
        TestCerts c = new TestCerts(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
                dir.resolve("client.crt"), dir.resolve("client.key"));
        Path caKey = dir.resolve("ca.key");
        run(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", caKey.toString(), "-out",
                c.ca.toString(), "-days", "2", "-subj", "/CN=edgewatch test CA");
        leaf(dir, "server", "/CN=localhost", "subjectAltName=IP:127.0.0.1,DNS:localhost", c.serverKey,
                c.serverCert, caKey, c.ca);
        leaf(dir, "client", "/CN=gatehouse", "extendedKeyUsage=clientAuth", c.clientKey, c.clientCert, caKey,
                c.ca);
        return c;
    }

    private static void leaf(Path dir, String name, String subject, String extension, Path key, Path cert,
                             Path caKey, Path ca) {
        Path csr = dir.resolve(name + ".csr");
        Path ext = dir.resolve(name + ".ext");
        try {
            Files.writeString(ext, extension + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(), "-out", csr.toString(),
                "-subj", subject);
        run(dir, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
    }

    private static void run(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of(OPENSSL.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running openssl", e);
        }
    }
}
