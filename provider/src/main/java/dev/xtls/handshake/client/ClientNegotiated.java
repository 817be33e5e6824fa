package dev.xtls.handshake.client;

import dev.xtls.handshake.SuiteSpec;
import dev.xtls.wire.Bytes;

/** The offer plus what ServerHello chose. */
record ClientNegotiated(ClientOffer offer, SuiteSpec suite, Bytes serverRandom, boolean extendedMasterSecret,
        boolean encryptThenMac) {
}
