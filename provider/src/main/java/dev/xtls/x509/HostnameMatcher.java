package dev.xtls.x509;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SNIHostName;

/**
 * Whether a certificate names a host: RFC 6125 §6.4 with RFC 2818 §3.1, the rules of SunJSSE's HostnameChecker
 * for "HTTPS" and "LDAPS". An IP literal must equal an iPAddress SAN; a DNS name must match a dNSName SAN, or the
 * subject's most specific CN when the certificate has no dNSName at all.
 */
public final class HostnameMatcher {
    private static final int SAN_DNS_NAME = 2;
    private static final int SAN_IP_ADDRESS = 7;
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.]+)?");

    private HostnameMatcher() {
    }

    /** Throws, naming {@code host} and the certificate's names, unless {@code cert} is valid for {@code host}. */
    public static void check(String host, X509Certificate cert) throws CertificateException {
        if (host == null || host.isEmpty()) {
            throw new CertificateException("the peer's host name or IP address is unknown, so the certificate cannot"
                    + " be checked against it (create the SSLEngine/SSLSocket with the host name)");
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean matched = isIpLiteral(name) ? matchesIp(name, cert) : matchesDnsName(name, cert);
        if (!matched) {
            throw new CertificateException("it is not valid for " + host + ": " + describeNames(cert));
        }
    }

    /** RFC 6125 §6.2.1 (checked without DNS): a dotted-quad IPv4 or an IPv6 literal. */
    static boolean isIpLiteral(String name) {
        return IPV4_LITERAL.matcher(name).matches() || IPV6_LITERAL.matcher(name).matches();
    }

    // RFC 6125 §6.2.1 / RFC 2818 §3.1: an IP literal matches only an iPAddress SAN, compared as addresses
    private static boolean matchesIp(String literal, X509Certificate cert) throws CertificateException {
        InetAddress wanted = literalAddress(literal);
        if (wanted == null) {
            return false;
        }
        for (String ip : subjectAltNames(cert, SAN_IP_ADDRESS)) {
            if (wanted.equals(literalAddress(ip))) {
                return true;
            }
        }
        return false;
    }

    private static InetAddress literalAddress(String literal) {
        if (!isIpLiteral(literal)) {
            return null; // never hand a name to the resolver
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    // RFC 6125 §6.4.4: the CN only when there is no dNSName SAN (RFC 2818 §3.1)
    private static boolean matchesDnsName(String host, X509Certificate cert) throws CertificateException {
        String name = asciiName(host);
        if (name == null) {
            throw new CertificateException("the peer's host name " + host + " is not a valid DNS name");
        }
        List<String> dnsNames = subjectAltNames(cert, SAN_DNS_NAME);
        for (String template : dnsNames) {
            if (WildcardName.matches(name, asciiName(template))) {
                return true;
            }
        }
        if (!dnsNames.isEmpty()) {
            return false;
        }
        String cn = mostSpecificCommonName(cert);
        return cn != null && Normalizer.isNormalized(cn, Normalizer.Form.NFKC)
                && WildcardName.matches(name, asciiName(cn));
    }

    /**
     * Lower-case A-label form without a trailing dot (RFC 6125 §6.4.2), a {@code *} kept as it is; null if it is
     * not a valid host name (as SNIHostName judges it).
     */
    static String asciiName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        try {
            String ascii = IDN.toASCII(n).toLowerCase(Locale.ROOT);
            new SNIHostName(ascii.replace('*', 'z'));
            return ascii;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> subjectAltNames(X509Certificate cert, int type) throws CertificateException {
        List<String> out = new ArrayList<>();
        Collection<List<?>> sans;
        try {
            sans = cert.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw new CertificateException("the certificate's subjectAltName does not parse: " + e.getMessage(), e);
        }
        if (sans != null) {
            for (List<?> san : sans) {
                if (san.size() == 2 && san.get(0) instanceof Integer t && t == type && san.get(1) instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The last CN in the subject (the most specific one, as SunJSSE takes it); null if there is none. */
    static String mostSpecificCommonName(X509Certificate cert) {
        try {
            List<Rdn> rdns = new LdapName(cert.getSubjectX500Principal().getName()).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                Attribute cn = rdns.get(i).toAttributes().get("CN");
                if (cn != null && cn.size() > 0 && cn.get() instanceof String s) {
                    return s;
                }
            }
            return null;
        } catch (NamingException e) {
            return null;
        }
    }

    /** The names a host is matched against: SANs, and the CN only without dNSName SANs (RFC 6125 §6.4.4). */
    private static String describeNames(X509Certificate cert) throws CertificateException {
        List<String> names = new ArrayList<>();
        List<String> dnsNames = subjectAltNames(cert, SAN_DNS_NAME);
        for (String dns : dnsNames) {
            names.add("DNS:" + dns);
        }
        for (String ip : subjectAltNames(cert, SAN_IP_ADDRESS)) {
            names.add("IP:" + ip);
        }
        String cn = mostSpecificCommonName(cert);
        String cnText = cn == null ? " and no CN" : " and its CN is " + cn;
        if (names.isEmpty()) {
            return "it has no subject alternative names" + cnText;
        }
        return "its subject alternative names are " + String.join(", ", names)
                + (dnsNames.isEmpty() ? cnText : " (the CN is not used when there are DNS names)");
    }
}
