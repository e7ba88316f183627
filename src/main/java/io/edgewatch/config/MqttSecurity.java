package io.edgewatch.config;

/**
 * Secret and certificate files of the broker connection; empty strings mean "not set". Paths are resolved against
 * the loader's base dir (the password itself, read from {@code passwordFile}, is in {@link MqttConfig#password()}).
 *
 * @param passwordFile file the password was read from
 * @param caFile       CA certificate(s) the broker's certificate must chain to; empty = the JVM's default trust
 * @param certFile     client certificate (chain) for brokers that require one; needs {@code keyFile}
 * @param keyFile      unencrypted PKCS#8 private key of the client certificate ("BEGIN PRIVATE KEY")
 */
public record MqttSecurity(String passwordFile, String caFile, String certFile, String keyFile) {
    public static final MqttSecurity NONE = new MqttSecurity("", "", "", "");

    public boolean hasTlsFiles() {
        return !caFile.isEmpty() || !certFile.isEmpty();
    }

    public boolean clientCertificate() {
        return !certFile.isEmpty();
    }
}
