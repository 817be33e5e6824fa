package dev.xtls.tools;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Fresh self-signed "localhost" certificates (ECDSA P-256 and RSA-2048) for the demo, made with bcpkix. */
final class DemoCertificates {
    private static final char[] PASSWORD = "demo".toCharArray();
    private final KeyStore keys;
    private final KeyStore trust;

    DemoCertificates() throws GeneralSecurityException, java.io.IOException {
        keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        add("ec", "EC", 256, "SHA256withECDSA");
        add("rsa", "RSA", 2048, "SHA256withRSA");
    }

    private void add(String alias, String algorithm, int bits, String signatureAlgorithm)
            throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(bits);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("O=Xtls demo, CN=localhost");
        long now = System.currentTimeMillis();
        try {
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now), new Date(now - 60_000),
                            new Date(now + 86_400_000L), name, pair.getPublic())
                            .addExtension(Extension.subjectAlternativeName, false,
                                    new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")))
                            .build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate())));
            keys.setKeyEntry(alias, pair.getPrivate(), PASSWORD, new Certificate[] {cert});
            trust.setCertificateEntry(alias, cert);
        } catch (OperatorCreationException | CertIOException e) {
            throw new GeneralSecurityException("cannot build the demo certificate", e);
        }
    }

    KeyManagerFactory keyManagers() throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509");
        kmf.init(keys, PASSWORD);
        return kmf;
    }

    TrustManagerFactory trustManagers() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        return tmf;
    }
}
