package dev.xtls.spi;

import java.util.Optional;

/**
 * The server side of one SupplementalDataType (RFC 4680 §2): whether to agree to a client's offer, and the check
 * of what the client then sends. The data a client sent is in its session ({@code dev.xtls.api.Xtls}). The client
 * may still send none (RFC 4681 §4). Register one with {@code dev.xtls.api.Xtls}.
 */
public interface SupplementalDataReceiver {
    /** The SupplementalDataType, 0 to 65535. */
    int dataType();

    /** The hello extension type that agrees on this data, not one Xtls answers itself. */
    int extensionType();

    /**
     * The extension_data for ServerHello, given the client's; empty to decline. Throw IllegalArgumentException when
     * the client's extension is malformed (the handshake fails with decode_error).
     */
    Optional<byte[]> accept(byte[] clientHelloExtension);

    /** Checks received supp_data; throw IllegalArgumentException to fail the handshake with illegal_parameter. */
    void check(byte[] data);
}
