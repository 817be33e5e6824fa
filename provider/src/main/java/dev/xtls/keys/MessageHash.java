package dev.xtls.keys;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.TranscriptHash;
import dev.xtls.wire.HandshakeType;

/**
 * RFC 8446 §4.4.1: after a HelloRetryRequest the transcript starts with the synthetic handshake message
 * message_hash(254), uint24 length Hash.length, Hash(ClientHello1) in place of ClientHello1 itself.
 */
public final class MessageHash {
    private MessageHash() {
    }

    /** The encoded message_hash message that replaces the encoded {@code clientHello1} in the transcript. */
    public static byte[] replacing(TlsCrypto crypto, HashAlgorithm hash, byte[] clientHello1) {
        TranscriptHash h = crypto.newTranscriptHash(hash);
        h.update(clientHello1);
        byte[] digest = h.current();
        byte[] message = new byte[4 + digest.length];
        message[0] = (byte) HandshakeType.MESSAGE_HASH.code();
        message[3] = (byte) digest.length; // uint24 length: 32 or 48 fits in the last byte
        System.arraycopy(digest, 0, message, 4, digest.length);
        return message;
    }
}
