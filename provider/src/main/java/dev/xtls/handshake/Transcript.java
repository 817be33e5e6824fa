package dev.xtls.handshake;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.crypto.TlsCrypto;
import dev.xtls.crypto.TranscriptHash;
import java.util.Arrays;

/**
 * The handshake messages so far, kept whole: TLS 1.2 signs them in CertificateVerify (RFC 5246 §7.4.8) and
 * hashes them with the suite's PRF hash, which is known only after ServerHello. A handshake is a few KiB.
 */
public final class Transcript {
    private static final byte[] NONE = new byte[0]; // empty: add() copies it before writing
    // 1 KiB on the first message: a resumption's messages fit (4 KiB were ~14 % of its bytes); a full handshake
    // doubles it once or twice; a post-handshake message's context (KeyUpdate, NewSessionTicket) allocates none
    private byte[] buf = NONE;
    private int len;

    /** RFC 8446 §4.4.1: after a HelloRetryRequest the transcript starts again from message_hash(ClientHello1). */
    public void restartWith(byte[] encodedMessage) {
        len = 0;
        add(encodedMessage);
    }

    public void add(byte[] encodedMessage) {
        if (len + encodedMessage.length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(Math.max(buf.length * 2, 1024), len + encodedMessage.length));
        }
        System.arraycopy(encodedMessage, 0, buf, len, encodedMessage.length);
        len += encodedMessage.length;
    }

    /** All messages so far, concatenated (handshake_messages). */
    public byte[] messages() {
        return Arrays.copyOf(buf, len);
    }

    public byte[] hash(TlsCrypto crypto, HashAlgorithm algorithm) {
        TranscriptHash h = crypto.newTranscriptHash(algorithm);
        h.update(buf, 0, len);
        return h.current();
    }
}
