package dev.xtls.message.ext;

import dev.xtls.message.Extension;
import dev.xtls.message.Vectors;
import dev.xtls.wire.Bytes;
import dev.xtls.wire.ExtensionType;
import dev.xtls.wire.TlsReader;
import dev.xtls.wire.TlsWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * psk_key_exchange_modes (RFC 8446 §4.2.9). Modes stay codes so unknown ones (GREASE, RFC 8701) survive.
 * <pre>
 * enum { psk_ke(0), psk_dhe_ke(1), (255) } PskKeyExchangeMode;
 * struct {
 *     PskKeyExchangeMode ke_modes&lt;1..255&gt;;
 * } PskKeyExchangeModes;
 * </pre>
 */
public record PskKeyExchangeModes(List<Integer> modes) {
    /** PSK-only key establishment (§4.2.9). */
    public static final int PSK_KE = 0;
    /** PSK with (EC)DHE key establishment (§4.2.9). */
    public static final int PSK_DHE_KE = 1;

    public PskKeyExchangeModes {
        modes = List.copyOf(modes);
        for (int m : modes) {
            if (m < 0 || m > 0xFF) {
                throw new IllegalArgumentException("PskKeyExchangeMode out of range: " + m);
            }
        }
    }

    public static PskKeyExchangeModes of(Integer... modes) {
        return new PskKeyExchangeModes(List.of(modes));
    }

    public static PskKeyExchangeModes decode(Bytes data) {
        TlsReader r = TlsReader.of(data.toByteArray());
        TlsReader list = Vectors.sub8(r, 1, 255, "psk_key_exchange_modes.ke_modes");
        r.expectEnd("psk_key_exchange_modes");
        List<Integer> modes = new ArrayList<>();
        while (list.hasRemaining()) {
            modes.add(list.u8());
        }
        return new PskKeyExchangeModes(modes);
    }

    public boolean allows(int mode) {
        return modes.contains(mode);
    }

    public Extension toExtension() {
        TlsWriter w = new TlsWriter();
        w.prefixed8(list -> modes.forEach(list::u8));
        return new Extension(ExtensionType.PSK_KEY_EXCHANGE_MODES, Bytes.wrap(w.toByteArray()));
    }
}
