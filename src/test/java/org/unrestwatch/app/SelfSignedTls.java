package org.unrestwatch.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker key pair with a self-signed certificate for localhost, and a trust store holding that
 * certificate, made at test time with the JDK's keytool and KeyStore API (nothing of it is
 * committed). Passwords are random and reach keytool through its environment, not its command line.
 */
record SelfSignedTls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {

    static SelfSignedTls createIn(Path dir) {
        SelfSignedTls tls = new SelfSignedTls(dir.resolve("broker.p12"), randomSecret(), dir.resolve("truststore.p12"), randomSecret());
        // keytool for the certificate (the JDK has no public API to sign one); EC keys, generated in
        // milliseconds where RSA takes a noticeable share of the test.
        tls.keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", tls.keyStore.toString(), "-storetype", "PKCS12", "-storepass:env", "KEY_STORE_PASSWORD");
        // The trust store through the KeyStore API: two more keytool runs would cost seconds of JVM start.
        tls.writeTrustStore();
        return tls;
    }

    static String randomSecret() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    @Override
    public String toString() {
        return "SelfSignedTls[" + keyStore + ", " + trustStore + "]";
    }

    private void writeTrustStore() {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, keyStorePassword.toCharArray());
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("broker", keys.getCertificate("broker"));
            try (OutputStream out = Files.newOutputStream(trustStore)) {
                trust.store(out, trustStorePassword.toCharArray());
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the trust store", e);
        }
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // A short-lived JVM on a busy machine: quick compilation and one GC thread start it faster.
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("KEY_STORE_PASSWORD", keyStorePassword);
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running keytool", e);
        }
    }
}
