package dev.xtls.interop;

import dev.xtls.testing.TestPki;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for the failure causes TestPki has no credential for: a chosen issuer name, extended key usage,
 * signature algorithm, and a CRL revoking a leaf. Valid from a day ago for 30 days; keys EC P-256 unless RSA.
 */
final class FailureCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A certificate and its key pair. */
    record Issued(X509Certificate certificate, KeyPair keys) {
    }

    private FailureCertificates() {
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    /** A self-signed CA named {@code dn} with {@code keys}. */
    static Issued ca(String dn, KeyPair keys) throws GeneralSecurityException {
        X509v3CertificateBuilder b = builder(name(dn), name(dn), keys);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(sign(b, keys, signatureAlgorithm(keys)), keys);
    }

    /** A CA named {@code dn} issued by {@code issuer}, valid from {@code notBefore} to {@code notAfter}. */
    static Issued intermediate(Issued issuer, String dn, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        KeyPair keys = ec();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject(issuer),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), name(dn),
                keys.getPublic());
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(sign(b, issuer.keys(), signatureAlgorithm(issuer.keys())), keys);
    }

    /** A leaf for localhost issued by {@code ca}, valid from {@code notBefore} to {@code notAfter}. */
    static Issued leaf(Issued ca, String dn, Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        KeyPair keys = ec();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject(ca),
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter), name(dn),
                keys.getPublic());
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(sign(b, ca.keys(), signatureAlgorithm(ca.keys())), keys);
    }

    /** A leaf for localhost signed by {@code ca} with {@code signatureAlgorithm}, for the given key purposes. */
    static Issued leaf(Issued ca, String dn, String signatureAlgorithm, KeyPurposeId... purposes)
            throws GeneralSecurityException {
        KeyPair keys = ec();
        X509v3CertificateBuilder b = builder(subject(ca), name(dn), keys);
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(sign(b, ca.keys(), signatureAlgorithm), keys);
    }

    /** A CRL by {@code ca}, valid for a day, revoking {@code revoked} at {@code when} for key compromise. */
    static X509CRL crl(Issued ca, X509Certificate revoked, Instant when) throws GeneralSecurityException {
        X509v2CRLBuilder b = new X509v2CRLBuilder(subject(ca), Date.from(now().minus(Duration.ofMinutes(1))));
        b.setNextUpdate(Date.from(now().plus(Duration.ofDays(1))));
        b.addCRLEntry(revoked.getSerialNumber(), Date.from(when), CRLReason.keyCompromise);
        try {
            return new JcaX509CRLConverter().getCRL(b.build(new JcaContentSignerBuilder(
                    signatureAlgorithm(ca.keys())).build(ca.keys().getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** A PKCS12 key store (password {@value TestPki#PASSWORD}) holding {@code leaf} under alias "leaf", then {@code issuers}. */
    static KeyStore keyStore(Issued leaf, X509Certificate... issuers) throws GeneralSecurityException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            X509Certificate[] chain = new X509Certificate[issuers.length + 1];
            chain[0] = leaf.certificate();
            System.arraycopy(issuers, 0, chain, 1, issuers.length);
            ks.setKeyEntry("leaf", leaf.keys().getPrivate(), TestPki.PASSWORD.toCharArray(), chain);
            return ks;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyStore trustStore(X509Certificate anchor) throws GeneralSecurityException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("anchor", anchor);
            return ks;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code dn} in the order written (RFC 4514 string order, as X500Principal.getName() prints it). */
    private static X500Name name(String dn) {
        return X500Name.getInstance(new X500Principal(dn).getEncoded());
    }

    private static X500Name subject(Issued ca) {
        return X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
    }

    private static String signatureAlgorithm(KeyPair keys) {
        return "RSA".equals(keys.getPublic().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now().minus(Duration.ofDays(1))), Date.from(now().plus(Duration.ofDays(30))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuerKeys, String algorithm)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder(algorithm)
                    .build(issuerKeys.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
