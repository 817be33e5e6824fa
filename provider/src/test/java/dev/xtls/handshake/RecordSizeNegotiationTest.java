package dev.xtls.handshake;

import dev.xtls.message.Extension;
import dev.xtls.message.Extensions;
import dev.xtls.message.ext.MaxFragmentLength;
import dev.xtls.message.ext.RecordSizeLimit;
import dev.xtls.record.RecordSizeLimits;
import dev.xtls.wire.AlertDescription;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsException;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who sends what and which limits follow (RFC 6066 §4, RFC 8449 §4-5). */
class RecordSizeNegotiationTest {
    private static final MaxFragmentLength MFL_512 = new MaxFragmentLength(1);
    private static final RecordSizePolicy ASKS_512 = new RecordSizePolicy(1 << 14, MFL_512, 0);

    private static Extensions of(Extension... e) {
        return new Extensions(List.of(e));
    }

    @Test
    void clientSendsTheLargestRecordSizeLimitByDefault() {
        assertEquals(List.of(new RecordSizeLimit(16384).toExtension()),
                RecordSizeNegotiation.offer(RecordSizePolicy.DEFAULT, false));
        // RFC 8449 §4: TLS 1.3 counts the content type byte
        assertEquals(List.of(new RecordSizeLimit(16385).toExtension()),
                RecordSizeNegotiation.offer(RecordSizePolicy.DEFAULT, true));
    }

    @Test
    void clientAddsMaxFragmentLengthWhenConfigured() {
        assertEquals(List.of(new RecordSizeLimit(16384).toExtension(), MFL_512.toExtension()),
                RecordSizeNegotiation.offer(ASKS_512, false));
    }

    @Test
    void serverEchoesMaxFragmentLengthAndBothDirectionsKeepToIt() {
        RecordSizeNegotiation.Answer a = RecordSizeNegotiation.answer(RecordSizePolicy.DEFAULT,
                of(MFL_512.toExtension()), false);
        assertEquals(List.of(MFL_512.toExtension()), a.extensions());
        assertEquals(new RecordSizeLimits(512, 512, false, true), a.limits());
    }

    @Test
    void serverPrefersRecordSizeLimitAndIgnoresMaxFragmentLength() {
        RecordSizeNegotiation.Answer a = RecordSizeNegotiation.answer(new RecordSizePolicy(1000, null, 0),
                of(MFL_512.toExtension(), new RecordSizeLimit(256).toExtension()), false);
        assertEquals(List.of(new RecordSizeLimit(1000).toExtension()), a.extensions());
        // RFC 8449 §4: each side's value limits what the other sends; only protected records
        assertEquals(new RecordSizeLimits(256, 1000, false, false), a.limits());
    }

    @Test
    void tls13RecordSizeLimitCountsTheContentTypeByte() {
        RecordSizeNegotiation.Answer a = RecordSizeNegotiation.answer(RecordSizePolicy.DEFAULT,
                of(new RecordSizeLimit(513).toExtension()), true);
        assertEquals(List.of(new RecordSizeLimit(16385).toExtension()), a.extensions());
        assertEquals(new RecordSizeLimits(512, 16385, true, false), a.limits());
    }

    @Test
    void aTls13ClientsLimitMeansTheLargestToATls12Server() {
        RecordSizeNegotiation.Answer a = RecordSizeNegotiation.answer(RecordSizePolicy.DEFAULT,
                of(new RecordSizeLimit(16385).toExtension()), false);
        assertEquals(RecordSizeLimits.NONE.sendContent(), a.limits().sendContent());
        assertTrue(a.limits().isDefault());
    }

    @Test
    void serverRejectsAnInvalidMaxFragmentLengthEvenBesideARecordSizeLimit() {
        Extension bad = new Extension(ExtensionType.MAX_FRAGMENT_LENGTH, Bytes.fromHex("05"));
        TlsException e = assertThrows(TlsException.class, () -> RecordSizeNegotiation.answer(
                RecordSizePolicy.DEFAULT, of(bad, new RecordSizeLimit(512).toExtension()), false));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void serverRejectsARecordSizeLimitBelowSixtyFour() {
        Extension bad = new Extension(ExtensionType.RECORD_SIZE_LIMIT, Bytes.fromHex("0020"));
        TlsException e = assertThrows(TlsException.class,
                () -> RecordSizeNegotiation.answer(RecordSizePolicy.DEFAULT, of(bad), true));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
    }

    @Test
    void clientAcceptsItsOwnMaxFragmentLengthBack() {
        assertEquals(new RecordSizeLimits(512, 512, false, true),
                RecordSizeNegotiation.accept(ASKS_512, true, of(MFL_512.toExtension()), false));
        // TLS 1.3: one byte less, for SunJSSE, which counts the content type byte
        assertEquals(new RecordSizeLimits(511, 512, false, true),
                RecordSizeNegotiation.accept(ASKS_512, true, of(MFL_512.toExtension()), true));
    }

    @Test
    void clientRejectsADifferentMaxFragmentLength() {
        TlsException e = assertThrows(TlsException.class, () -> RecordSizeNegotiation.accept(ASKS_512, false,
                of(new MaxFragmentLength(2).toExtension()), false));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.getMessage().contains("1024") && e.getMessage().contains("512"), e.getMessage());
    }

    @Test
    void clientRejectsBothExtensionsInOneAnswer() {
        TlsException e = assertThrows(TlsException.class, () -> RecordSizeNegotiation.accept(ASKS_512, false,
                of(MFL_512.toExtension(), new RecordSizeLimit(512).toExtension()), false));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.getMessage().contains("RFC 8449 §5"), e.getMessage());
    }

    @Test
    void clientKeepsToTheServersRecordSizeLimit() {
        // offered 2^14 + 1 for TLS 1.3, the server chose TLS 1.2: we still receive at most 2^14
        assertEquals(new RecordSizeLimits(700, 16384, false, false), RecordSizeNegotiation.accept(
                RecordSizePolicy.DEFAULT, true, of(new RecordSizeLimit(700).toExtension()), false));
        assertEquals(new RecordSizeLimits(699, 16385, true, false), RecordSizeNegotiation.accept(
                RecordSizePolicy.DEFAULT, true, of(new RecordSizeLimit(700).toExtension()), true));
    }

    @Test
    void noAnswerMeansNoLimit() {
        assertEquals(RecordSizeLimits.NONE, RecordSizeNegotiation.accept(ASKS_512, false, of(), false));
    }

    @Test
    void policyFromSettingsFitsThePacketSize() {
        RecordSizePolicy p = RecordSizePolicy.of(1 << 14, true, 1024);
        assertEquals(1024 - 325, p.recordSizeLimit());
        assertEquals(MFL_512, p.maxFragmentLength());
        assertEquals(1024, p.maximumPacketSize());
        assertEquals(new RecordSizePolicy(64, null, 0), RecordSizePolicy.of(10, false, 0));
        assertEquals(RecordSizePolicy.DEFAULT, RecordSizePolicy.of(1 << 14, true, 0));
    }
}
