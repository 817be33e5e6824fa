package dev.xtls.jsse;

import dev.xtls.handshake.HandshakeConfig;
import dev.xtls.wire.AlertDescription;
import java.util.Locale;

/** What this side offered (a client) or enabled (a server), for the message of a refused handshake. */
final class OfferDescription {
    private OfferDescription() {
    }

    /** "we offered [TLSv1.2] with cipher suites [NAME (0xC02B)] and groups [x25519]"; for protocol_version versions. */
    static String of(HandshakeConfig config, AlertDescription alert) {
        String text = (config.clientMode() ? "we offered " : "we enabled ") + config.versions();
        if (alert.equals(AlertDescription.PROTOCOL_VERSION)) {
            return text;
        }
        return text + " with cipher suites " + config.cipherSuites().stream()
                .map(s -> s.name() + " (0x" + String.format(Locale.ROOT, "%04X", s.code()) + ")").toList()
                + " and groups " + config.namedGroups();
    }
}
