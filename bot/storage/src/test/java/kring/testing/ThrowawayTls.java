package kring.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority made for one test run and a server certificate it signed for 127.0.0.1
 * and localhost, as PEM files a redis-server reads, and a socket factory that trusts that authority
 * and nothing else. Made with the JDK's keytool, so nothing beyond the JDK is needed.
 */
public final class ThrowawayTls {

  private static final String STORE_PASSWORD = "throwaway";

  private final Path caCertificate;
  private final Path serverCertificate;
  private final Path serverKey;
  private final SSLSocketFactory socketFactory;

  private ThrowawayTls(
      Path caCertificate, Path serverCertificate, Path serverKey, SSLSocketFactory socketFactory) {
    this.caCertificate = caCertificate;
    this.serverCertificate = serverCertificate;
    this.serverKey = serverKey;
    this.socketFactory = socketFactory;
  }

  /** Makes the authority and the server's key and certificate in {@code dir}. */
  public static ThrowawayTls create(Path dir) {
    try {
      Files.createDirectories(dir);
      Path caStore = dir.resolve("ca.p12");
      Path serverStore = dir.resolve("server.p12");
      Path request = dir.resolve("server.csr");
      Path caCertificate = dir.resolve("ca.crt");
      Path serverCertificate = dir.resolve("server.crt");
      Path serverKey = dir.resolve("server.key");
      keytool(
          dir,
          "-genkeypair",
          "-keystore",
          caStore,
          "-alias",
          "ca",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=Kring test CA",
          "-ext",
          "bc:c",
          "-validity",
          "2");
      keytool(
          dir,
          "-genkeypair",
          "-keystore",
          serverStore,
          "-alias",
          "server",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=localhost",
          "-validity",
          "2");
      keytool(dir, "-certreq", "-keystore", serverStore, "-alias", "server", "-file", request);
      keytool(
          dir,
          "-gencert",
          "-keystore",
          caStore,
          "-alias",
          "ca",
          "-infile",
          request,
          "-outfile",
          serverCertificate,
          "-rfc",
          "-ext",
          "san=ip:127.0.0.1,dns:localhost",
          "-ext",
          "eku=serverAuth,clientAuth",
          "-validity",
          "2");
      keytool(
          dir, "-exportcert", "-keystore", caStore, "-alias", "ca", "-rfc", "-file", caCertificate);
      Files.writeString(serverKey, pem(privateKey(serverStore)), StandardCharsets.US_ASCII);
      return new ThrowawayTls(caCertificate, serverCertificate, serverKey, trusting(caCertificate));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make test certificates in " + dir, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make test certificates in " + dir, e);
    }
  }

  /**
   * Why no redis-server at hand (the machine's, the bundled one) can serve TLS, or empty when one
   * can; for a test's assumption.
   */
  public static Optional<String> unsupportedByRedisServer() {
    return RedisServerProcess.tlsUnsupported();
  }

  /** Trusts the throwaway authority, and only it. */
  public SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  /**
   * The lines of a redis-server configuration that serve TLS on {@code port} (and nothing in plain
   * text) with this certificate, without asking clients for certificates of their own.
   */
  public List<String> serverConfig(int port) {
    return List.of(
        "port 0",
        "tls-port " + port,
        "tls-cert-file " + RedisServerProcess.quoted(serverCertificate.toString()),
        "tls-key-file " + RedisServerProcess.quoted(serverKey.toString()),
        "tls-ca-cert-file " + RedisServerProcess.quoted(caCertificate.toString()),
        "tls-auth-clients no",
        "tls-replication yes",
        "tls-cluster yes");
  }

  private static void keytool(Path dir, Object... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    for (Object arg : args) {
      command.add(arg.toString());
    }
    command.addAll(
        List.of(
            "-storetype",
            "PKCS12",
            "-storepass",
            STORE_PASSWORD,
            "-keypass",
            STORE_PASSWORD,
            "-noprompt"));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("Interrupted while keytool ran", e);
    }
  }

  private static PrivateKey privateKey(Path store) throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, STORE_PASSWORD.toCharArray());
    }
    return (PrivateKey) keys.getKey("server", STORE_PASSWORD.toCharArray());
  }

  private static String pem(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static SSLSocketFactory trusting(Path caCertificate)
      throws IOException, GeneralSecurityException {
    Certificate ca;
    try (InputStream in = Files.newInputStream(caCertificate)) {
      ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", ca);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context.getSocketFactory();
  }
}
