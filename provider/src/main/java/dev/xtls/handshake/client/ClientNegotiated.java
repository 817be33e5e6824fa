package dev.xtls.handshake.client;

import dev.xtls.handshake.SuiteSpec;
import dev.xtls.wire.Bytes;

/** The offer plus what ServerHello chose; {@code ticketFollows}: it promised a NewSessionTicket (RFC 5077 §3.2). */
record ClientNegotiated(ClientOffer offer, SuiteSpec suite, Bytes serverRandom, boolean extendedMasterSecret,
        boolean encryptThenMac, boolean ticketFollows) {
}
