package dev.xtls.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.testing.EnginePair;
import dev.xtls.testing.EnginePair.Failure;
import dev.xtls.testing.HelloExtensions;
import dev.xtls.testing.Peer;
import dev.xtls.testing.PlaintextHandshake;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A SunJSSE server's ServerHello gains an extension the Xtls client did not put in its ClientHello: the client
 * must stop at the ServerHello with unsupported_extension (RFC 5246 §7.4.1.4) and name the extension, before the
 * broken transcript would fail the Finished.
 */
class UnsolicitedServerHelloExtensionsTest {
    // the client offers one GCM suite without ECDHE: no ec_point_formats, no encrypt_then_mac, no ALPN, no SNI,
    // no SessionTicket
    private static final String DHE_GCM = "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256";
    private static final String CLIENT_STATUS_REQUEST = "jdk.tls.client.enableStatusRequestExtension";
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    private static SSLEngine xtlsClientWithoutServerName() {
        // without tickets: the session_ticket case needs a client that sent no SessionTicket extension; without
        // status_request (on by default, as in SunJSSE), for the status_request case
        SSLContext context;
        synchronized (Peer.class) {
            String previous = System.setProperty(CLIENT_STATUS_REQUEST, "false");
            try {
                context = Peer.XTLS.contextWithoutTickets(pki);
            } finally {
                if (previous == null) {
                    System.clearProperty(CLIENT_STATUS_REQUEST);
                } else {
                    System.setProperty(CLIENT_STATUS_REQUEST, previous);
                }
            }
        }
        SSLEngine client = Peer.engine(context, Role.CLIENT, DHE_GCM);
        SSLParameters p = client.getSSLParameters();
        p.setServerNames(List.of());
        client.setSSLParameters(p);
        return client;
    }

    private static Failure serverHelloWith(int extensionType, byte[] data) {
        SSLEngine server = Peer.SUN.engine(Role.SERVER, pki, pki.rsa2048(), DHE_GCM);
        return EnginePair.builder(xtlsClientWithoutServerName(), server).lenient()
                .intercept(Role.SERVER, HelloExtensions.with(PlaintextHandshake.SERVER_HELLO, extensionType, data))
                .build().expectHandshakeFailure();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
            "0, server_name, ''", // RFC 6066 §3: the empty acknowledgement, but no name was sent
            "11, ec_point_formats, 0100", // RFC 8422 §5.2: no ECC suite was offered
            "16, application_layer_protocol_negotiation, 0003026832", // RFC 7301 §3.1: "h2", nothing offered
            "22, encrypt_then_mac, ''", // RFC 7366 §2: no CBC suite was offered
            "35, session_ticket, ''", // RFC 5077 §3.2: the client sent no SessionTicket extension
            "5, status_request, ''", // RFC 6066 §8: no OCSP stapling was requested
            "2, client_certificate_url, ''", // RFC 6066 §5: never offered
            "3, trusted_ca_keys, ''", // RFC 6066 §6: never offered
            "4, truncated_hmac, ''", // RFC 6066 §7: never offered
            "31354, unknown(0x7A7A), ''"}) // a GREASE value (RFC 8701 §3): never valid in a ServerHello
    void clientRejectsAnExtensionItDidNotOfferWithUnsupportedExtension(int type, String name, String hex) {
        Failure f = serverHelloWith(type, java.util.HexFormat.of().parseHex(hex));
        assertEquals("unsupported_extension", f.alertReceivedBy(Role.SERVER).orElseThrow(), f.toString());
        String message = f.client().getMessage();
        assertTrue(message.contains("server sent extension " + name) && message.contains("did not offer"), message);
    }

    @Test
    void clientRejectsADuplicateRenegotiationInfoWithIllegalParameter() {
        // RFC 5246 §7.4.1.4: no two extensions of one type; SunJSSE already answers the client's with one
        Failure f = serverHelloWith(0xFF01, new byte[] {0});
        assertEquals("illegal_parameter", f.alertReceivedBy(Role.SERVER).orElseThrow(), f.toString());
        assertTrue(f.client().getMessage().contains("duplicate"), f.client().getMessage());
    }
}
