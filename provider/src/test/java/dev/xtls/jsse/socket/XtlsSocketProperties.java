package dev.xtls.jsse.socket;

import java.io.IOException;

/** Sets one of the socket's system properties while a socket is made; the previous value is restored. */
final class XtlsSocketProperties {
    interface IoSupplier<T> {
        T get() throws IOException;
    }

    private XtlsSocketProperties() {
    }

    static <T> T with(String property, long millis, IoSupplier<T> make) throws IOException {
        String saved = System.getProperty(property);
        System.setProperty(property, Long.toString(millis));
        try {
            return make.get();
        } finally {
            if (saved == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, saved);
            }
        }
    }
}
