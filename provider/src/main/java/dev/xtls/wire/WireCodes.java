package dev.xtls.wire;

import java.util.Map;
import java.util.Optional;

/** Shared naming of open wire codes: a known name or the hex value, and the reverse lookup. */
final class WireCodes {
    private WireCodes() {
    }

    static int checkRange(int code, int max, String what) {
        if (code < 0 || code > max) {
            throw new IllegalArgumentException(what + " code out of range: " + code);
        }
        return code;
    }

    static String name(Map<Integer, String> names, int code, int hexDigits) {
        String n = names.get(code);
        return n != null ? n : String.format("unknown(0x%0" + hexDigits + "X)", code);
    }

    static Optional<Integer> codeOf(Map<Integer, String> names, String name) {
        return names.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst();
    }
}
