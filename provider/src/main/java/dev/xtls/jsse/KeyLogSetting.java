package dev.xtls.jsse;

import dev.xtls.handshake.KeyLogSink;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Where one SSLContext's connections log their secrets: the JVM-wide {@value #PROPERTY} file unless the
 * application chose otherwise for this context (Xtls.setKeyLog). The JVM-wide file is one writer for the whole
 * JVM, made on first use, because the property itself is JVM-wide: every context appends to the same file.
 */
public final class KeyLogSetting {
    /** The system property naming the JVM-wide key log file (as SSLKEYLOGFILE does for NSS). */
    public static final String PROPERTY = "dev.xtls.keylog";

    private volatile KeyLogSink chosen; // null: the JVM-wide setting

    /** {@code file}: this context's key log; null: none for this context, whatever the property says. */
    public void use(Path file) {
        chosen = file == null ? KeyLogSink.NONE : new KeyLogFile(file);
    }

    /** Back to the JVM-wide {@value #PROPERTY}. */
    public void useJvmDefault() {
        chosen = null;
    }

    KeyLogSink sink() {
        KeyLogSink c = chosen;
        return c != null ? c : JvmWide.SINK;
    }

    /** The sink {@code property} (a system property lookup) asks for: a file, or none when unset or empty. */
    static KeyLogSink fromProperty(Function<String, String> property) {
        String file = property.apply(PROPERTY);
        return file == null || file.isBlank() ? KeyLogSink.NONE : new KeyLogFile(Path.of(file.strip()));
    }

    /** Lazily made on the first handshake that asks (holder idiom): the property is read once per JVM. */
    private static final class JvmWide {
        static final KeyLogSink SINK = fromProperty(System::getProperty);
    }
}
