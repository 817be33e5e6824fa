package dev.xtls.message;

import dev.xtls.message.ext.OfferedPsks;
import dev.xtls.message.ext.PskIdentity;
import dev.xtls.message.ext.SupportedVersions;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.TlsException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.xtls.message.DecodeAssertions.assertDecodeError;
import static dev.xtls.message.MessageSamples.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS 1.3 messages and extensions refuse what RFC 8446 §4 forbids, with the alert it names. */
class Tls13MessagesTest {
    @Test
    void rejectsKeyUpdateWithAnUnknownRequestAsIllegalParameter() {
        TlsException e = assertThrows(TlsException.class, () -> KeyUpdate.decode(new byte[] {2}));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.getMessage().contains("request_update"), e.getMessage());
    }

    @Test
    void rejectsCertificateRequestWithoutExtensions() {
        byte[] body = CodecCase.body(new Tls13CertificateRequest(Bytes.EMPTY, Extensions.EMPTY));
        assertDecodeError("CertificateRequest.extensions", () -> Tls13CertificateRequest.decode(body));
    }

    @Test
    void rejectsPskBinderShorterThan32Bytes() {
        Bytes data = new OfferedPsks(List.of(new PskIdentity(bytes(10, 1), 0)), List.of(bytes(31, 2)))
                .toExtension().data();
        assertDecodeError("pre_shared_key.binders", () -> OfferedPsks.decode(data));
    }

    @Test
    void rejectsSupportedVersionsListWithAnOddLength() {
        assertDecodeError("supported_versions.versions", () -> SupportedVersions.decode(Bytes.fromHex("03030403")));
    }

    @Test
    void rejectsNewSessionTicketWithAnEmptyTicket() {
        // ticket_lifetime, ticket_age_add, empty nonce, empty ticket, no extensions
        byte[] body = Bytes.fromHex("0000001e 00000001 00 0000 0000").toByteArray();
        assertDecodeError("NewSessionTicket.ticket", () -> Tls13NewSessionTicket.decode(body));
    }

    @Test
    void downgradeSentinelIsFoundInTheRandomItWasStampedInto() {
        Bytes random = bytes(32, 3);
        assertEquals(Optional.empty(), DowngradeSentinel.find(random));
        assertEquals(Optional.of(DowngradeSentinel.TLS12),
                DowngradeSentinel.find(DowngradeSentinel.TLS12.stamp(random)));
        assertEquals(Optional.of(DowngradeSentinel.TLS11_OR_BELOW),
                DowngradeSentinel.find(DowngradeSentinel.TLS11_OR_BELOW.stamp(random)));
    }

    @Test
    void downgradeSentinelsSpellDowngrd() {
        // RFC 8446 §4.1.3: 44 4F 57 4E 47 52 44 01 / 00
        assertEquals(Bytes.of("DOWNGRD\u0001".getBytes()), DowngradeSentinel.TLS12.value());
        assertEquals(Bytes.of("DOWNGRD\u0000".getBytes()), DowngradeSentinel.TLS11_OR_BELOW.value());
    }
}
