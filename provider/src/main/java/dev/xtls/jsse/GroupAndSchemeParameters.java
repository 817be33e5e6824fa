package dev.xtls.jsse;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import javax.net.ssl.SSLParameters;

/**
 * SSLParameters' named groups and signature schemes, which JDK 20 added (getNamedGroups/setNamedGroups,
 * getSignatureSchemes/setSignatureSchemes; Tomcat 11 and Netty 4.2 call them). The provider targets Java 17, so
 * they are reached through method handles looked up once; on a JDK without them there is nothing to read and
 * nothing is written.
 */
final class GroupAndSchemeParameters {
    private static final MethodHandle GET_NAMED_GROUPS = find("getNamedGroups", MethodType.methodType(String[].class));
    private static final MethodHandle SET_NAMED_GROUPS = find("setNamedGroups",
            MethodType.methodType(void.class, String[].class));
    private static final MethodHandle GET_SIGNATURE_SCHEMES = find("getSignatureSchemes",
            MethodType.methodType(String[].class));
    private static final MethodHandle SET_SIGNATURE_SCHEMES = find("setSignatureSchemes",
            MethodType.methodType(void.class, String[].class));

    private GroupAndSchemeParameters() {
    }

    /** True on JDK 20 and later. */
    static boolean available() {
        return GET_NAMED_GROUPS != null && SET_NAMED_GROUPS != null && GET_SIGNATURE_SCHEMES != null
                && SET_SIGNATURE_SCHEMES != null;
    }

    /** The named groups set in {@code p}, or null for the provider's default (always null before JDK 20). */
    static List<String> namedGroups(SSLParameters p) {
        return read(GET_NAMED_GROUPS, p);
    }

    /** The signature schemes set in {@code p}, or null for the provider's default. */
    static List<String> signatureSchemes(SSLParameters p) {
        return read(GET_SIGNATURE_SCHEMES, p);
    }

    /** Writes both lists (null: the default) into {@code p} where the JDK has the setters. */
    static void write(SSLParameters p, List<String> namedGroups, List<String> signatureSchemes) {
        if (available()) {
            invoke(SET_NAMED_GROUPS, p, namedGroups);
            invoke(SET_SIGNATURE_SCHEMES, p, signatureSchemes);
        }
    }

    private static List<String> read(MethodHandle getter, SSLParameters p) {
        if (getter == null) {
            return null;
        }
        try {
            String[] names = (String[]) getter.invokeExact(p);
            return names == null ? null : List.of(names);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static void invoke(MethodHandle setter, SSLParameters p, List<String> names) {
        String[] array = names == null ? null : names.toArray(new String[0]);
        try {
            setter.invokeExact(p, array);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle find(String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findVirtual(SSLParameters.class, name, type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // before JDK 20
        }
    }
}
