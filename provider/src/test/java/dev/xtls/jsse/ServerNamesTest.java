package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;
import org.junit.jupiter.api.Test;

class ServerNamesTest {
    @Test
    void recognisesIpLiteralsWithoutAskingDns() {
        for (String ip : List.of("127.0.0.1", "10.1", "::", "::ffff:1.2.3.4", "[2001:db8::1]", "fe80::1%lo")) {
            assertTrue(ServerNames.isIpLiteral(ip), ip);
        }
        for (String host : List.of("localhost", "example.com", "1.example", "xn--bcher-kva.example")) {
            assertFalse(ServerNames.isIpLiteral(host), host);
        }
    }

    @Test
    void peerHostBecomesOneHostNameUnlessItCannotBeOne() {
        assertEquals(List.of(new SNIHostName("example.com")), ServerNames.fromPeerHost("example.com"));
        assertEquals(List.of(), ServerNames.fromPeerHost("under_score..bad"));
        assertEquals(List.of(), ServerNames.fromPeerHost(""));
        assertEquals(List.of(), ServerNames.fromPeerHost(null));
    }

    @Test
    void onlyHostNameTypesAreSent() {
        SNIServerName generic = new SNIServerName(StandardConstants.SNI_HOST_NAME,
                "example.org".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
        };
        SNIServerName other = new SNIServerName(7, new byte[] {1}) {
        };
        assertEquals(List.of("example.com", "example.org"),
                ServerNames.hostNames(List.of(new SNIHostName("example.com"), generic, other)));
    }
}
