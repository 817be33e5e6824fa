package dev.xtls.it.ocsp;

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
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA, a delegated OCSP signer (id-kp-OCSPSigning, RFC 6960 §4.2.2.2) and three server certificates for
 * "localhost" whose Authority Information Access names the responder: one the responder reports good, one
 * revoked, and one it does not know. The index file for {@code openssl ocsp} lists the first two. Each server
 * chain carries the CA, since a stapler needs the issuer to name the certificate (RFC 6960 §4.1.1).
 */
final class OcspPki {
    /** Which answer the responder gives for a certificate. */
    enum Status {
        GOOD, REVOKED, UNKNOWN
    }

    record Leaf(Status status, PrivateKey key, X509Certificate certificate, X509Certificate[] chain, Path chainPem,
            Path keyPem, Path certPem) {
    }

    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final Path dir;
    private final X509Certificate ca;
    private final PrivateKey caKey;
    private final Leaf good;
    private final Leaf revoked;
    private final Leaf unknown;

    /** Writes everything into {@code dir}; the certificates name {@code responderUrl} as their OCSP responder. */
    OcspPki(Path dir, String responderUrl) {
        this.dir = dir;
        try {
            KeyPair caPair = ec();
            caKey = caPair.getPrivate();
            X500Principal caName = new X500Principal("CN=Xtls OCSP test CA, O=Xtls tests");
            ca = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from(-1), from(30), caName,
                    caPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)));
            KeyPair signerPair = ec();
            X509Certificate signer = sign(new JcaX509v3CertificateBuilder(ca, BigInteger.TWO, from(-1), from(30),
                    new X500Principal("CN=Xtls OCSP signer, O=Xtls tests"), signerPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning)));
            write("ca.pem", pem("CERTIFICATE", ca.getEncoded()));
            write("signer.pem", pem("CERTIFICATE", signer.getEncoded()));
            write("signer-key.pem", pem("PRIVATE KEY", signerPair.getPrivate().getEncoded()));
            good = leaf(Status.GOOD, BigInteger.valueOf(0x1001), responderUrl);
            revoked = leaf(Status.REVOKED, BigInteger.valueOf(0x1002), responderUrl);
            unknown = leaf(Status.UNKNOWN, BigInteger.valueOf(0x1003), responderUrl);
            String expiry = INDEX_TIME.format(Instant.now().plus(30, ChronoUnit.DAYS));
            String revokedAt = INDEX_TIME.format(Instant.now().minus(1, ChronoUnit.HOURS));
            // openssl ca's index format: status, expiry, revocation time, serial (hex), file, subject
            write("index.txt", "V\t" + expiry + "\t\t1001\tunknown\t/O=Xtls tests/CN=localhost\n"
                    + "R\t" + expiry + "\t" + revokedAt + "\t1002\tunknown\t/O=Xtls tests/CN=localhost\n");
            write("index.txt.attr", "unique_subject = no\n");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot create the OCSP test PKI", e);
        }
    }

    Path dir() {
        return dir;
    }

    X509Certificate ca() {
        return ca;
    }

    Path caPem() {
        return dir.resolve("ca.pem");
    }

    Leaf leaf(Status status) {
        return switch (status) {
            case GOOD -> good;
            case REVOKED -> revoked;
            case UNKNOWN -> unknown;
        };
    }

    /** A key manager presenting {@code leaf}'s chain (leaf, CA). */
    X509ExtendedKeyManager keyManager(Leaf leaf) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", leaf.key(), "changeit".toCharArray(), leaf.chain());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
            kmf.init(ks, "changeit".toCharArray());
            return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key store with the CA as the only trust anchor. */
    KeyStore trustStore() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca);
            return ks;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Leaf leaf(Status status, BigInteger serial, String responderUrl)
            throws GeneralSecurityException, IOException {
        KeyPair pair = ec();
        X509Certificate cert = sign(new JcaX509v3CertificateBuilder(ca, serial, from(-1), from(30),
                new X500Principal("CN=localhost, O=Xtls tests"), pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}))
                .addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier,
                                responderUrl))));
        String name = status.name().toLowerCase(Locale.ROOT);
        Path chainPem = write(name + "-chain.pem", pem("CERTIFICATE", cert.getEncoded())
                + pem("CERTIFICATE", ca.getEncoded()));
        Path certPem = write(name + ".pem", pem("CERTIFICATE", cert.getEncoded()));
        Path keyPem = write(name + "-key.pem", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        return new Leaf(status, pair.getPrivate(), cert, new X509Certificate[] {cert, ca}, chainPem, keyPem,
                certPem);
    }

    private X509Certificate sign(X509v3CertificateBuilder b) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static Date from(int days) {
        return Date.from(Instant.now().plus(days, ChronoUnit.DAYS));
    }

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
