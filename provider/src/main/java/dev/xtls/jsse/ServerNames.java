package dev.xtls.jsse;

import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;

/** Which server_name a client sends (RFC 6066 §3): host names only, never IP literals, no trailing dot. */
final class ServerNames {
    private ServerNames() {
    }

    /** The SNI list implied by the host given to createSSLEngine(host, port): empty for IP literals. */
    static List<SNIServerName> fromPeerHost(String host) {
        if (host == null || host.isEmpty() || isIpLiteral(host)) {
            return List.of();
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        try {
            return List.of(new SNIHostName(name));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }

    /** Syntax only, no DNS: IPv6 literals contain ':'; IPv4 ones (also short forms like 127.1) are digits and dots. */
    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0 || host.startsWith("[")) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The ASCII host names in {@code names}; other name types are not sent. */
    static List<String> hostNames(List<SNIServerName> names) {
        List<String> out = new ArrayList<>();
        for (SNIServerName n : names) {
            if (n instanceof SNIHostName h) {
                out.add(h.getAsciiName());
            } else if (n.getType() == StandardConstants.SNI_HOST_NAME) {
                try {
                    out.add(new SNIHostName(n.getEncoded()).getAsciiName());
                } catch (IllegalArgumentException e) {
                    // not a valid host name: nothing to send
                }
            }
        }
        return List.copyOf(out);
    }
}
