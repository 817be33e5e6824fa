package dev.xtls.handshake.client;

import dev.xtls.handshake.SuiteSpec;
import dev.xtls.message.SupplementalDataEntry;
import dev.xtls.wire.Bytes;
import java.util.List;

/**
 * The offer plus what ServerHello chose; {@code ticketFollows}: it promised a NewSessionTicket (RFC 5077 §3.2);
 * {@code supplementalData}: the entries to send after ServerHelloDone for the types the server agreed to (RFC 4680
 * §3), none when empty; {@code statusMayFollow}: ServerHello acknowledged status_request, so a CertificateStatus
 * may follow the Certificate (RFC 6066 §8).
 */
record ClientNegotiated(ClientOffer offer, SuiteSpec suite, Bytes serverRandom, boolean extendedMasterSecret,
        boolean encryptThenMac, boolean ticketFollows, List<SupplementalDataEntry> supplementalData,
        boolean statusMayFollow) {
    ClientNegotiated {
        supplementalData = List.copyOf(supplementalData);
    }
}
