package dev.xtls.handshake.server;

import dev.xtls.handshake.SuiteSpec;
import dev.xtls.wire.NamedGroup;
import dev.xtls.wire.SignatureScheme;
import dev.xtls.x509.CertifiedKey;

/** What the server chose from the ClientHello; scheme and group are null for RSA key transport. */
record ServerChoice(SuiteSpec suite, CertifiedKey credential, SignatureScheme scheme, NamedGroup group) {
}
