package dev.xtls.handshake.server;

import dev.xtls.handshake.SuiteSpec;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.SignatureScheme;
import java.util.List;

/**
 * What the server's first flight settled. {@code certificateVerifySchemes} is what CertificateRequest allowed;
 * {@code issueTicket}: the ServerHello promised a NewSessionTicket (RFC 5077 §3.2).
 */
record ServerNegotiated(SuiteSpec suite, Bytes clientRandom, Bytes serverRandom, boolean extendedMasterSecret,
        boolean encryptThenMac, List<SignatureScheme> certificateVerifySchemes, boolean issueTicket) {
}
