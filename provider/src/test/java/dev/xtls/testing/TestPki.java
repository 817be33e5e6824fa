package dev.xtls.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An in-memory test PKI: a trusted root CA (EC P-256), an untrusted second root, and leaves signed by them. Every
 * {@link #create()} makes fresh keys; an instance is immutable and safe to share between tests and threads.
 * Signing and key generation use the JDK's default providers (no provider is registered).
 *
 * <p>Leaves for "localhost" carry SAN dNSName localhost and iPAddress 127.0.0.1, EKU serverAuth+clientAuth, and
 * are valid from one day before to 30 days after the creation clock's instant.
 */
public final class TestPki {

    /** Password of every {@link KeyStore} built here (store and key entries). */
    public static final String PASSWORD = "changeit";
    private static final String LOCALHOST = "localhost";
    private static final String LOOPBACK_IP = "127.0.0.1";
    /** The only dNSName of {@link #wildcard()}. */
    public static final String WILDCARD_NAME = "*.xtls.test";

    private final Credential rootCa;
    private final Credential untrustedRootCa;
    private final Credential ecdsaP256;
    private final Credential ecdsaP384;
    private final Credential rsa2048;
    private final Credential expired;
    private final Credential untrusted;
    private final Credential otherHost;
    private final Credential wildcard;
    private final Credential ed25519;
    private final Credential rsaPss;
    private Credential rsa4096Chain; // made on first use: three RSA-4096 keys take seconds

    private TestPki(Clock clock) throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        Instant now = clock.instant();
        Instant notBefore = now.minus(Duration.ofDays(1));
        Instant notAfter = now.plus(Duration.ofDays(30));

        rootCa = selfSignedCa("Xtls Test Root CA", ec("secp256r1"), notBefore, now.plus(Duration.ofDays(3650)), random);
        untrustedRootCa = selfSignedCa("Xtls Untrusted Root CA", ec("secp256r1"), notBefore,
                now.plus(Duration.ofDays(3650)), random);

        ecdsaP256 = leaf("ecdsa-p256", rootCa, ec("secp256r1"), LOCALHOST, true, notBefore, notAfter, random);
        ecdsaP384 = leaf("ecdsa-p384", rootCa, ec("secp384r1"), LOCALHOST, true, notBefore, notAfter, random);
        rsa2048 = leaf("rsa-2048", rootCa, rsa(2048), LOCALHOST, true, notBefore, notAfter, random);
        expired = leaf("expired", rootCa, ec("secp256r1"), LOCALHOST, true,
                now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(30)), random);
        untrusted = leaf("untrusted", untrustedRootCa, ec("secp256r1"), LOCALHOST, true, notBefore, notAfter, random);
        ed25519 = leaf("ed25519", rootCa, keyPair("Ed25519", 0), LOCALHOST, true, notBefore, notAfter, random);
        rsaPss = leaf("rsa-pss", rootCa, keyPair("RSASSA-PSS", 2048), LOCALHOST, true, notBefore, notAfter, random);
        otherHost = leaf("other-example", rootCa, ec("secp256r1"), "other.example", false, notBefore, notAfter,
                random);
        wildcard = leaf("wildcard", rootCa, ec("secp256r1"), WILDCARD_NAME, false, notBefore, notAfter, random);
    }

    /** A fresh PKI valid around the current time. */
    public static TestPki create() {
        return create(Clock.systemUTC());
    }

    /** A fresh PKI whose validity periods are computed from {@code clock} (for tests with a pinned time). */
    public static TestPki create(Clock clock) {
        try {
            return new TestPki(clock);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the test PKI", e);
        }
    }

    // ---- credentials -------------------------------------------------------------------------------------------

    /** ECDSA P-256 leaf for localhost / 127.0.0.1, signed by the trusted root. */
    public Credential ecdsaP256() {
        return ecdsaP256;
    }

    /** ECDSA P-384 leaf for localhost / 127.0.0.1, signed by the trusted root. */
    public Credential ecdsaP384() {
        return ecdsaP384;
    }

    /** RSA-2048 leaf for localhost / 127.0.0.1, signed by the trusted root. */
    public Credential rsa2048() {
        return rsa2048;
    }

    /** EC P-256 leaf for localhost whose validity ended 30 days ago. */
    public Credential expired() {
        return expired;
    }

    /** EC P-256 leaf for localhost signed by a root that {@link #trustStore()} does not contain. */
    public Credential untrusted() {
        return untrusted;
    }

    /** EC P-256 leaf, trusted, whose only SAN is dNSName "other.example" (fails a localhost host check). */
    public Credential otherHost() {
        return otherHost;
    }

    /** EC P-256 leaf, trusted, whose only SAN is dNSName {@value #WILDCARD_NAME} (RFC 6125 §6.4.3 wildcard). */
    public Credential wildcard() {
        return wildcard;
    }

    /** Ed25519 leaf for localhost / 127.0.0.1 (RFC 8422 §5.3: usable with ECDHE_ECDSA suites). */
    public Credential ed25519() {
        return ed25519;
    }

    /** RSASSA-PSS (id-RSASSA-PSS key) leaf for localhost / 127.0.0.1: signs with rsa_pss_pss_* only. */
    public Credential rsaPss() {
        return rsaPss;
    }

    /**
     * RSA-4096 leaf for localhost / 127.0.0.1 behind two RSA-4096 intermediate CAs under the trusted root: a chain
     * of three certificates, about 4 KB of DER, as a real server sends. Made on first use.
     */
    public synchronized Credential rsa4096Chain() {
        if (rsa4096Chain == null) {
            try {
                SecureRandom random = new SecureRandom();
                Instant now = Instant.now();
                Instant notBefore = now.minus(Duration.ofDays(1));
                Instant notAfter = now.plus(Duration.ofDays(30));
                Credential upper = intermediateCa("Xtls Test RSA Intermediate CA 1", rootCa, rsa(4096), notBefore,
                        notAfter, random);
                Credential lower = intermediateCa("Xtls Test RSA Intermediate CA 2", upper, rsa(4096), notBefore,
                        notAfter, random);
                Credential leaf = leaf("rsa-4096-chain", lower, rsa(4096), LOCALHOST, true, notBefore, notAfter,
                        random);
                rsa4096Chain = new Credential(leaf.name(), leaf.key(),
                        new X509Certificate[] {leaf.leaf(), lower.leaf(), upper.leaf()});
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot build the RSA-4096 chain", e);
            }
        }
        return rsa4096Chain;
    }

    /** All leaves, for parametrised tests. */
    public List<Credential> all() {
        return List.of(ecdsaP256, ecdsaP384, rsa2048, expired, untrusted, otherHost);
    }

    /**
     * An EC P-256 leaf for {@code host}, signed by the trusted root, valid now, with exactly the key usage bits
     * {@code keyUsage} (BC's KeyUsage constants; 0: no extension) and extended key usages {@code eku} (none: no
     * extension).
     */
    public Credential withUsage(String name, String host, int keyUsage, KeyPurposeId... eku) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPair kp = ec("secp256r1");
            X500Principal subject = new X500Principal("CN=" + host + ", OU=" + name + ", O=Xtls tests");
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCertificate(), serial(random),
                    Date.from(Instant.now().minus(Duration.ofDays(1))),
                    Date.from(Instant.now().plus(Duration.ofDays(30))),
                    subject, kp.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
            if (keyUsage != 0) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            if (eku.length > 0) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
            }
            return new Credential(name, kp.getPrivate(), new X509Certificate[] {sign(b, rootCa.key())});
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate caCertificate() {
        return rootCa.leaf();
    }

    public X509Certificate untrustedCaCertificate() {
        return untrustedRootCa.leaf();
    }

    /** The trusted root CA with its key, for tests that sign as the CA (OCSP responses, RFC 6960 §4.2.2.2). */
    public Credential caCredential() {
        return rootCa;
    }

    // ---- JCA / JSSE objects ------------------------------------------------------------------------------------

    /** A PKCS12 store (password {@value #PASSWORD}) with one key entry per credential, aliased by its name. */
    public KeyStore keyStore(Credential... credentials) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, PASSWORD.toCharArray());
            for (Credential c : credentials) {
                ks.setKeyEntry(c.name(), c.key(), PASSWORD.toCharArray(), c.chain());
            }
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build key store", e);
        }
    }

    /** A PKCS12 store holding the trusted root CA only. */
    public KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, PASSWORD.toCharArray());
            ks.setCertificateEntry("xtls-test-root", caCertificate());
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build trust store", e);
        }
    }

    /** A key manager from the default provider's "PKIX" KeyManagerFactory over {@link #keyStore}. */
    public X509ExtendedKeyManager keyManager(Credential... credentials) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(keyStore(credentials), PASSWORD.toCharArray());
            for (KeyManager km : kmf.getKeyManagers()) {
                if (km instanceof X509ExtendedKeyManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509ExtendedKeyManager from " + kmf.getProvider());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build key manager", e);
        }
    }

    /** A trust manager from the default provider's "PKIX" TrustManagerFactory over {@link #trustStore()}. */
    public X509ExtendedTrustManager trustManager() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trustStore());
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X509ExtendedTrustManager from " + tmf.getProvider());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build trust manager", e);
        }
    }

    // ---- PEM files for OpenSSL ---------------------------------------------------------------------------------

    /** Files written by {@link #writePem}: the chain (leaf first) and the unencrypted PKCS#8 key. */
    public record PemFiles(Path chain, Path key) {
    }

    /** Writes {@code <name>-chain.pem} and {@code <name>-key.pem} (PKCS#8, unencrypted) into {@code dir}. */
    public PemFiles writePem(Path dir, Credential credential) {
        StringBuilder chain = new StringBuilder();
        for (X509Certificate c : credential.chain()) {
            chain.append(pem("CERTIFICATE", encoded(c)));
        }
        Path chainFile = write(dir.resolve(credential.name() + "-chain.pem"), chain.toString());
        Path keyFile = write(dir.resolve(credential.name() + "-key.pem"),
                pem("PRIVATE KEY", credential.key().getEncoded()));
        return new PemFiles(chainFile, keyFile);
    }

    /** Writes the trusted root CA certificate as {@code ca.pem} (for -CAfile) and returns its path. */
    public Path writeCaPem(Path dir) {
        return write(dir.resolve("ca.pem"), pem("CERTIFICATE", encoded(caCertificate())));
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    // ---- generation --------------------------------------------------------------------------------------------

    private static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    private static KeyPair keyPair(String algorithm, int bits) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (bits > 0) {
            g.initialize(bits);
        }
        return g.generateKeyPair();
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    private static Credential selfSignedCa(String cn, KeyPair kp, Instant notBefore, Instant notAfter,
            SecureRandom random) throws GeneralSecurityException {
        X500Principal subject = new X500Principal("CN=" + cn + ", O=Xtls tests");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(random),
                    Date.from(notBefore), Date.from(notAfter), subject, kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(kp.getPublic()));
            X509Certificate cert = sign(b, kp.getPrivate());
            return new Credential(cn, kp.getPrivate(), new X509Certificate[] {cert});
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Credential intermediateCa(String cn, Credential issuer, KeyPair kp, Instant notBefore,
            Instant notAfter, SecureRandom random) throws GeneralSecurityException {
        X500Principal subject = new X500Principal("CN=" + cn + ", O=Xtls tests");
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer.leaf(), serial(random),
                    Date.from(notBefore), Date.from(notAfter), subject, kp.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(issuer.leaf()));
            return new Credential(cn, kp.getPrivate(), new X509Certificate[] {sign(b, issuer.key())});
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Credential leaf(String name, Credential issuer, KeyPair kp, String host, boolean withIp,
            Instant notBefore, Instant notAfter, SecureRandom random) throws GeneralSecurityException {
        X509Certificate ca = issuer.leaf();
        X500Principal subject = new X500Principal("CN=" + host + ", OU=" + name + ", O=Xtls tests");
        PublicKey pub = kp.getPublic();
        GeneralNames san = withIp
                ? new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, host), new GeneralName(GeneralName.iPAddress, LOOPBACK_IP)})
                : new GeneralNames(new GeneralName(GeneralName.dNSName, host));
        // RSA keys may also be used for RSA key exchange (keyEncipherment); EC keys sign only.
        int usage = "RSA".equals(pub.getAlgorithm())
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
                : KeyUsage.digitalSignature;
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(random), Date.from(notBefore),
                    Date.from(notAfter), subject, pub)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                    .addExtension(Extension.subjectAlternativeName, false, san)
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pub))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
            X509Certificate cert = sign(b, issuer.key());
            return new Credential(name, kp.getPrivate(), new X509Certificate[] {cert});
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
            throws GeneralSecurityException {
        String alg = "RSA".equals(issuerKey.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(alg)
                    .build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }
}
