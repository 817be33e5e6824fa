package dev.xtls.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The handshake messages one side sent in clear, read off its records up to its ChangeCipherSpec (RFC 5246
 * §7.4): which messages a flight held, and the session ids of the hellos, for checking resumption on the wire.
 */
public record PlaintextHandshake(List<Message> messages) {
    public static final int CLIENT_HELLO = 1;
    public static final int SERVER_HELLO = 2;
    public static final int CERTIFICATE = 11;
    public static final int SERVER_KEY_EXCHANGE = 12;
    public static final int FINISHED = 20;

    /** One handshake message: its type and body. */
    public record Message(int type, byte[] body) {
    }

    /** The messages in {@code records} before the first ChangeCipherSpec record (which encrypts what follows). */
    public static PlaintextHandshake of(List<WireRecord> records) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (WireRecord r : records) {
            if (r.contentType() == WireRecord.CHANGE_CIPHER_SPEC) {
                break;
            }
            if (r.contentType() == WireRecord.HANDSHAKE) {
                stream.writeBytes(r.fragment());
            }
        }
        byte[] b = stream.toByteArray();
        List<Message> out = new ArrayList<>();
        int at = 0;
        while (at + 4 <= b.length) {
            int length = ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            if (at + 4 + length > b.length) {
                break;
            }
            out.add(new Message(b[at] & 0xFF, Arrays.copyOfRange(b, at + 4, at + 4 + length)));
            at += 4 + length;
        }
        return new PlaintextHandshake(List.copyOf(out));
    }

    public List<Integer> types() {
        return messages.stream().map(Message::type).toList();
    }

    public boolean has(int type) {
        return types().contains(type);
    }

    /** The session_id of the ClientHello or ServerHello among the messages (RFC 5246 §7.4.1.2-3). */
    public byte[] helloSessionId() {
        for (Message m : messages) {
            if (m.type() == CLIENT_HELLO || m.type() == SERVER_HELLO) {
                int length = m.body()[2 + 32] & 0xFF; // after version and random
                return Arrays.copyOfRange(m.body(), 2 + 32 + 1, 2 + 32 + 1 + length);
            }
        }
        throw new AssertionError("no hello among " + types());
    }
}
