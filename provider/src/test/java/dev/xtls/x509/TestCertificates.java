package dev.xtls.x509;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
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

/** Test certificates built with bcpkix: EC P-256 keys, SHA256withECDSA signatures. */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A certificate and its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        public PrivateKey privateKey() {
            return keys.getPrivate();
        }
    }

    private TestCertificates() {
    }

    public static Instant daysFromNow(long days) {
        return Instant.now().plus(days, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    public static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    public static Issued ca(String dn) throws GeneralSecurityException {
        return ca(dn, daysFromNow(-1), daysFromNow(365));
    }

    public static Issued ca(String dn, Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        KeyPair keys = ecKeys();
        X509v3CertificateBuilder b = builder(new X500Name(dn), new X500Name(dn), keys, notBefore, notAfter);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(sign(b, keys.getPrivate()), keys);
    }

    public static Issued leaf(Issued issuer, String dn, List<String> dnsNames) throws GeneralSecurityException {
        return leaf(issuer, dn, dnsNames, daysFromNow(-1), daysFromNow(90));
    }

    public static Issued leaf(Issued issuer, String dn, List<String> dnsNames, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        return leafNamed(issuer, dn, dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n)).toList(),
                notBefore, notAfter);
    }

    /** A leaf whose subjectAltName holds exactly {@code names} (none: no extension). */
    public static Issued leafNamed(Issued issuer, String dn, List<GeneralName> names) throws GeneralSecurityException {
        return leafNamed(issuer, dn, names, daysFromNow(-1), daysFromNow(90));
    }

    private static Issued leafNamed(Issued issuer, String dn, List<GeneralName> names, Instant notBefore,
            Instant notAfter) throws GeneralSecurityException {
        KeyPair keys = ecKeys();
        X500Name issuerName = new X500Name(issuer.certificate().getSubjectX500Principal().getName());
        X509v3CertificateBuilder b = builder(issuerName, new X500Name(dn), keys, notBefore, notAfter);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(sign(b, issuer.privateKey()), keys);
    }

    public static KeyStore trustStore(X509Certificate... anchors) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < anchors.length; i++) {
            ks.setCertificateEntry("anchor" + i, anchors[i]);
        }
        return ks;
    }

    public static KeyStore keyStore(String alias, char[] password, PrivateKey key, X509Certificate... chain)
            throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, key, password, chain);
        return ks;
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys,
            Instant notBefore, Instant notAfter) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
