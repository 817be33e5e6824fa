package dev.xtls.spi;

import java.util.Optional;

/**
 * The client side of one SupplementalDataType (RFC 4680 §2): the hello extension that offers it and the data sent
 * once the server agrees. Xtls sends SupplementalData only for types whose extension the server echoed, as the
 * first message after ServerHelloDone (RFC 4680 §3). Register one with {@code dev.xtls.api.Xtls}.
 */
public interface SupplementalDataSender {
    /** The SupplementalDataType, 0 to 65535 (RFC 4680 §5: 65280-65535 for private use). */
    int dataType();

    /** The hello extension type that agrees on this data (RFC 4680 §2), not one Xtls sends itself. */
    int extensionType();

    /** The extension_data the ClientHello carries. */
    byte[] clientHelloExtension();

    /**
     * The supp_data to send, given the extension_data the server echoed; empty to send none this time (RFC 4681
     * §4 lets the client change its mind). Throw IllegalArgumentException when the echo is malformed.
     */
    Optional<byte[]> data(byte[] serverHelloExtension);
}
