package dev.xtls.handshake;

import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.TlsException;
import java.util.List;

/** The server's ALPN choice (RFC 7301 §3.2): the selector if there is one, else our first protocol they offer. */
public final class ServerAlpn {
    private ServerAlpn() {
    }

    /** The protocol to answer with, or "" to answer without ALPN; {@code offered} is null without the extension. */
    public static String choose(ApplicationProtocols ours, List<String> offered) {
        if (offered == null) {
            return "";
        }
        if (ours.selector() != null) {
            String chosen = ours.selector().apply(offered);
            if (chosen == null || !chosen.isEmpty() && !offered.contains(chosen)) {
                throw new TlsException(AlertDescription.NO_APPLICATION_PROTOCOL, "the application's ALPN selector "
                        + (chosen == null ? "accepted none" : "chose \"" + chosen + "\", which is not one")
                        + " of the client's protocols " + offered);
            }
            return chosen;
        }
        if (ours.protocols().isEmpty()) {
            return "";
        }
        return ours.protocols().stream().filter(offered::contains).findFirst().orElseThrow(
                () -> new TlsException(AlertDescription.NO_APPLICATION_PROTOCOL, "no application protocol in common:"
                        + " client offered " + offered + ", server supports " + ours.protocols()));
    }
}
