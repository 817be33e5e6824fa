package dev.xtls.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.xtls.spi.SupplementalDataSender;
import dev.xtls.testing.Peer;
import dev.xtls.testing.Role;
import dev.xtls.testing.TestPki;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The helpers refuse what is not Xtls's, and what RFC 4681 §6 does not allow in a hint. */
class XtlsTest {
    private static TestPki pki;

    @BeforeAll
    static void pki() {
        pki = TestPki.create();
    }

    @Test
    void refusesAnEngineOfAnotherProvider() {
        SSLEngine sun = Peer.engine(Peer.SUN.context(pki), Role.CLIENT);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Xtls.setUpnDomainHint(sun, "a@b.example", ""));
        assertTrue(e.getMessage().contains("not an Xtls engine"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Xtls.upnDomainHint(sun.getSession()));
    }

    @Test
    void refusesAContextOfAnotherProviderForTicketKeysAndTheSharedCache() {
        javax.net.ssl.SSLContext sun = Peer.SUN.context(pki, pki.ecdsaP256());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Xtls.useSessionTicketKeys(sun, java.nio.file.Path.of("unused")));
        assertTrue(e.getMessage().contains("not an Xtls SSLContext"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Xtls.useSharedSessionCache(sun, null));
    }

    @Test
    void refusesHintsThatAreNotUpnsOrDomainNames() {
        assertThrows(IllegalArgumentException.class, () -> new UpnDomainHint("", ""));
        assertThrows(IllegalArgumentException.class, () -> new UpnDomainHint("alice", ""));
        assertThrows(IllegalArgumentException.class, () -> new UpnDomainHint("a@b@c.example", ""));
        assertThrows(IllegalArgumentException.class, () -> new UpnDomainHint("", "-bad.example"));
        IllegalArgumentException idn = assertThrows(IllegalArgumentException.class,
                () -> new UpnDomainHint("", "bücher.example"));
        assertTrue(idn.getMessage().contains("IDN"), idn.getMessage());
        assertEquals("xn--bcher-kva.example", new UpnDomainHint("", java.net.IDN.toASCII("bücher.example"))
                .domainName());
    }

    @Test
    void refusesASupplementalDataTypeOnAnExtensionXtlsSendsItself() {
        SSLEngine e = Peer.engine(Peer.XTLS.context(pki), Role.CLIENT);
        SupplementalDataSender onServerName = new SupplementalDataSender() {
            @Override
            public int dataType() {
                return 0xFF00;
            }

            @Override
            public int extensionType() {
                return 0; // server_name
            }

            @Override
            public byte[] clientHelloExtension() {
                return new byte[0];
            }

            @Override
            public Optional<byte[]> data(byte[] serverHelloExtension) {
                return Optional.empty();
            }
        };
        assertThrows(IllegalArgumentException.class, () -> Xtls.addSupplementalDataSender(e, onServerName));
    }
}
