package dev.xtls.x509;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a certificate may be used for (RFC 5280 §4.2.1.3, §4.2.1.12) and which algorithms it uses, in words. */
final class CertificateUsageExplanation {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    // RFC 5280 §4.2.1.3, in bit order
    private static final List<String> KEY_USAGE = List.of("digitalSignature", "nonRepudiation", "keyEncipherment",
            "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly");
    // RFC 5280 §4.2.1.12
    private static final Map<String, String> PURPOSES = Map.of(SERVER_AUTH, "serverAuth", CLIENT_AUTH, "clientAuth",
            "1.3.6.1.5.5.7.3.3", "codeSigning", "1.3.6.1.5.5.7.3.4", "emailProtection", "1.3.6.1.5.5.7.3.8",
            "timeStamping", "1.3.6.1.5.5.7.3.9", "OCSPSigning", "2.5.29.37.0", "anyExtendedKeyUsage");

    private CertificateUsageExplanation() {
    }

    /** {@code side}: "server" or "client", the role the certificate was presented for. */
    static String usage(X509Certificate cert, String side) {
        String needed = side.equals("server") ? "serverAuth (" + SERVER_AUTH + ")" : "clientAuth (" + CLIENT_AUTH + ")";
        return "its key usage " + keyUsage(cert) + " and extended key usage " + extendedKeyUsage(cert)
                + " do not allow TLS " + side + " authentication, which needs extended key usage " + needed;
    }

    /** "signed with SHA1withRSA, RSA 1024-bit key" */
    static String algorithms(X509Certificate cert) {
        return "signed with " + cert.getSigAlgName() + ", " + key(cert.getPublicKey()) + " key";
    }

    private static String keyUsage(X509Certificate cert) {
        boolean[] bits = cert.getKeyUsage();
        if (bits == null) {
            return "(any)";
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < bits.length && i < KEY_USAGE.size(); i++) {
            if (bits[i]) {
                names.add(KEY_USAGE.get(i));
            }
        }
        return names.toString();
    }

    private static String extendedKeyUsage(X509Certificate cert) {
        try {
            List<String> oids = cert.getExtendedKeyUsage();
            return oids == null ? "(any)" : oids.stream().map(o -> PURPOSES.getOrDefault(o, o)).toList().toString();
        } catch (CertificateParsingException e) {
            return "(unparseable)";
        }
    }

    private static String key(PublicKey key) {
        int bits = key instanceof RSAKey r ? r.getModulus().bitLength()
                : key instanceof ECKey ec ? ec.getParams().getCurve().getField().getFieldSize()
                : key instanceof DSAKey d ? d.getParams().getP().bitLength() : 0;
        return bits == 0 ? key.getAlgorithm() : key.getAlgorithm() + " " + bits + "-bit";
    }
}
