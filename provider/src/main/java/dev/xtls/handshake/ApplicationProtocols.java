package dev.xtls.handshake;

import java.util.List;
import java.util.function.Function;

/**
 * ALPN settings (RFC 7301): the protocols this side supports in preference order and, on a server, an optional
 * selector that sees the client's list and returns the protocol, "" for none, or null to refuse the handshake
 * (the contract of {@code SSLEngine.setHandshakeApplicationProtocolSelector}).
 */
public record ApplicationProtocols(List<String> protocols, Function<List<String>, String> selector) {
    public static final ApplicationProtocols NONE = new ApplicationProtocols(List.of(), null);

    public ApplicationProtocols {
        protocols = List.copyOf(protocols);
    }
}
