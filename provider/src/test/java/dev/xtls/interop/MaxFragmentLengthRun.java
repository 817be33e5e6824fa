package dev.xtls.interop;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import dev.xtls.testing.WireRecord;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Run in a JVM of its own with jsse.enableMFLNExtension=true (SunJSSE reads it once, when its classes load):
 * one handshake and transfer per line of output, client with a 1024-byte maximum packet size, so it asks for a
 * 2^9 max_fragment_length. Prints {@code <client>-><server> <protocol> client=<n> server=<n> clientApp=<n>
 * serverApp=<n>}: the longest record fragment each side sent after the ClientHello, and each session's
 * application buffer size. See {@link MaxFragmentLengthSunJsseTest}.
 */
public final class MaxFragmentLengthRun {
    private MaxFragmentLengthRun() {
    }

    public static void main(String[] args) {
        TestPki pki = TestPki.create();
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            run(pki, Peer.SUN, Peer.XTLS, protocol);
            run(pki, Peer.XTLS, Peer.SUN, protocol);
        }
    }

    private static void run(TestPki pki, Peer clientPeer, Peer serverPeer, String protocol) {
        SSLEngine client = engine(clientPeer.context(Peer.TLS, pki), Role.CLIENT, protocol, 1024);
        SSLEngine server = engine(serverPeer.context(Peer.TLS, pki, pki.rsa2048()), Role.SERVER, protocol, 0);
        EnginePair pair = EnginePair.of(client, server, EnginePair.Mode.NORMAL);
        pair.handshake();
        byte[] data = new byte[3000];
        Arrays.fill(data, (byte) 7);
        pair.transfer(data, data);
        System.out.println(clientPeer + "->" + serverPeer + " " + protocol
                + " client=" + longest(pair.records(Role.CLIENT).stream().skip(1).toList())
                + " server=" + longest(pair.records(Role.SERVER))
                + " clientApp=" + client.getSession().getApplicationBufferSize()
                + " serverApp=" + server.getSession().getApplicationBufferSize());
    }

    private static int longest(List<WireRecord> records) {
        return records.stream().mapToInt(r -> r.bytes().length - WireRecord.HEADER_LENGTH).max().orElse(0);
    }

    private static SSLEngine engine(SSLContext ctx, Role role, String protocol, int packetSize) {
        SSLEngine e = Peer.engine(ctx, role);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setMaximumPacketSize(packetSize);
        e.setSSLParameters(p);
        return e;
    }
}
