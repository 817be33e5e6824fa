package dev.xtls.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The key log ({@code Xtls.setKeyLog}) and the handshake trace ({@code Xtls.handshakeTrace}), reached by name:
 * they are being added to the provider in parallel, and the CLI builds on a provider with or without them.
 * Once both are in every build, these become direct calls.
 */
final class DebugHooks {
    private static final MethodHandle SET_KEY_LOG = find("setKeyLog",
            MethodType.methodType(void.class, SSLContext.class, Path.class));
    private static final MethodHandle HANDSHAKE_TRACE = find("handshakeTrace",
            MethodType.methodType(Optional.class, SSLSocket.class));

    private DebugHooks() {
    }

    /** Logs the secrets of {@code context}'s handshakes to {@code file}; false when this build has no key log. */
    static boolean setKeyLog(SSLContext context, Path file) {
        if (SET_KEY_LOG == null) {
            return false;
        }
        try {
            SET_KEY_LOG.invokeExact(context, file);
            return true;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The socket's handshake trace; null when this build has no trace. */
    @SuppressWarnings("unchecked")
    static Optional<String> handshakeTrace(SSLSocket socket) {
        if (HANDSHAKE_TRACE == null) {
            return null;
        }
        try {
            return (Optional<String>) (Optional<?>) HANDSHAKE_TRACE.invokeExact(socket);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static MethodHandle find(String name, MethodType type) {
        try {
            Class<?> xtls = Class.forName("dev.xtls.api.Xtls");
            return MethodHandles.publicLookup().findStatic(xtls, name, type);
        } catch (ReflectiveOperationException e) {
            return null; // a provider without it
        }
    }
}
