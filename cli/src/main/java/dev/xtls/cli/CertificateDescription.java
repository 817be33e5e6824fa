package dev.xtls.cli;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A certificate in a few lines: subject, issuer, validity, subject alternative names, key. */
final class CertificateDescription {
    private CertificateDescription() {
    }

    static List<String> lines(X509Certificate c) {
        List<String> lines = new ArrayList<>();
        lines.add("subject  " + c.getSubjectX500Principal());
        lines.add("issuer   " + c.getIssuerX500Principal());
        lines.add("valid    " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant());
        String sans = subjectAltNames(c);
        if (!sans.isEmpty()) {
            lines.add("SANs     " + sans);
        }
        lines.add("key      " + key(c.getPublicKey()) + ", signed with " + c.getSigAlgName());
        return lines;
    }

    static String key(PublicKey k) {
        if (k instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength() + " bits";
        }
        if (k instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + " bits";
        }
        return k.getAlgorithm();
    }

    private static String subjectAltNames(X509Certificate c) {
        Collection<List<?>> names;
        try {
            names = c.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
        if (names == null) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (List<?> n : names) {
            // RFC 5280 §4.2.1.6 GeneralName tags: 2 dNSName, 7 iPAddress, 1 rfc822Name, 6 URI
            int tag = (Integer) n.get(0);
            String prefix = switch (tag) {
                case 1 -> "email:";
                case 2 -> "DNS:";
                case 6 -> "URI:";
                case 7 -> "IP:";
                default -> "other:";
            };
            out.add(prefix + n.get(1));
        }
        return String.join(", ", out);
    }
}
