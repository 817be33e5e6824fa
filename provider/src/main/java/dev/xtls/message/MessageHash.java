package dev.xtls.message;

import dev.xtls.wire.Bytes;
import dev.xtls.wire.DecodeException;
import dev.xtls.wire.HandshakeType;
import dev.xtls.wire.TlsWriter;

import java.util.Objects;

/**
 * The synthetic message_hash message that replaces ClientHello1 in the transcript after a HelloRetryRequest
 * (RFC 8446 §4.4.1): handshake type 254, the body being Hash(ClientHello1). It never goes on the wire.
 * <pre>
 * Transcript-Hash(ClientHello1, HelloRetryRequest, ... Mn) =
 *     Hash(message_hash ||        // Handshake type
 *          00 00 Hash.length  ||  // Handshake message length (bytes)
 *          Hash(ClientHello1) ||  // Hash of ClientHello1
 *          HelloRetryRequest  || ... || Mn)
 * </pre>
 */
public record MessageHash(Bytes clientHello1Hash) implements HandshakeMessage {
    public MessageHash {
        Objects.requireNonNull(clientHello1Hash, "clientHello1Hash");
        if (clientHello1Hash.isEmpty()) {
            throw new IllegalArgumentException("the ClientHello1 hash must not be empty");
        }
    }

    public static MessageHash decode(byte[] body) {
        if (body.length == 0) {
            throw new DecodeException("message_hash: the body must hold Hash(ClientHello1), got 0 bytes");
        }
        return new MessageHash(Bytes.of(body));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.MESSAGE_HASH;
    }

    @Override
    public void encodeBody(TlsWriter w) {
        clientHello1Hash.writeTo(w);
    }
}
