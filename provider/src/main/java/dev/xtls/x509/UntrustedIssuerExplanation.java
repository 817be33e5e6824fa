package dev.xtls.x509;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * Which issuer is missing from the trust store, and whether the chain looks like a TLS-inspecting proxy's: the
 * heuristic is only that the missing issuer's name contains one of {@link #PROXY_WORDS} (proxy, inspection and
 * the names of common inspecting products), which is how such CAs are usually named.
 */
final class UntrustedIssuerExplanation {
    static final List<String> PROXY_WORDS = List.of("proxy", "inspection", "inspect", "intercept", "mitm",
            "decrypt", "zscaler", "fortinet", "fortigate", "palo alto", "bluecoat", "blue coat", "netskope",
            "sophos", "forcepoint", "websense", "fiddler", "portswigger", "burp", "kaspersky", "avast",
            "bitdefender", "eset ssl", "umbrella", "check point", "checkpoint", "barracuda", "squid");

    private UntrustedIssuerExplanation() {
    }

    static String explain(List<X509Certificate> chain) {
        X509Certificate top = chain.get(chain.size() - 1);
        String subject = top.getSubjectX500Principal().getName();
        String issuer = top.getIssuerX500Principal().getName();
        String count = chain.size() + (chain.size() == 1 ? " certificate" : " certificates");
        String text = "no trusted certificate authority issued it: the chain sent (" + count + ") ends at "
                + (subject.equals(issuer) ? "self-signed " + subject + ", which is not in the trust store"
                        : subject + ", whose issuer " + issuer + " is not in the trust store");
        String word = proxyWord(issuer);
        if (word != null) {
            text += "; the issuer's name contains \"" + word + "\", as a TLS-inspecting proxy's does: a proxy on"
                    + " this network may be intercepting the connection (trust its CA only if it is your"
                    + " organisation's)";
        }
        return text;
    }

    private static String proxyWord(String issuer) {
        String name = issuer.toLowerCase(Locale.ROOT);
        return PROXY_WORDS.stream().filter(name::contains).findFirst().orElse(null);
    }
}
