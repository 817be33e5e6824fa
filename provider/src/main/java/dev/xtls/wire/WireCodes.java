package dev.xtls.wire;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

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

    /** The reverse of a code-to-name table, built once per table (a name lookup is then one hash probe). */
    static Map<String, Integer> codes(Map<Integer, String> names) {
        Map<String, Integer> codes = new HashMap<>();
        names.forEach((code, name) -> codes.merge(name, code, Math::min));
        return Map.copyOf(codes);
    }

    /** One instance per named code: decoded values of one code are then one shared object, not one per connection. */
    static <T> Map<Integer, T> interned(Map<Integer, String> names, IntFunction<T> make, ToIntFunction<T> codeOf,
            List<T> constants) {
        Map<Integer, T> interned = new HashMap<>();
        constants.forEach(c -> interned.put(codeOf.applyAsInt(c), c)); // the public constants are the shared ones
        names.keySet().forEach(code -> interned.computeIfAbsent(code, make::apply));
        return Map.copyOf(interned);
    }

    static <T> T interned(Map<Integer, T> interned, int code, IntFunction<T> make) {
        T known = interned.get(code);
        return known != null ? known : make.apply(code);
    }

    static Optional<Integer> codeOf(Map<String, Integer> codes, String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(codes.get(name));
    }
}
