package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;

/** post_handshake_auth (RFC 8446 §4.2.6): the client will answer a post-handshake CertificateRequest; empty. */
public record PostHandshakeAuth() {
    public static final PostHandshakeAuth INSTANCE = new PostHandshakeAuth();

    public static PostHandshakeAuth decode(Bytes data) {
        EmptyExtension.checkEmpty(data, ExtensionType.POST_HANDSHAKE_AUTH);
        return INSTANCE;
    }

    public static Extension extension() {
        return EmptyExtension.of(ExtensionType.POST_HANDSHAKE_AUTH);
    }

    public Extension toExtension() {
        return extension();
    }
}
