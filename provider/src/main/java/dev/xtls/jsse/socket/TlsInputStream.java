package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.InputStream;

/** A socket's plaintext in: reads go through its {@link EngineDriver}. */
final class TlsInputStream extends InputStream {
    private final EngineDriver driver;

    TlsInputStream(EngineDriver driver) {
        this.driver = driver;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return driver.read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return driver.read(b, off, len);
    }

    /** Plaintext already decrypted and not yet read; never blocks. */
    @Override
    public int available() {
        return driver.available();
    }

    /** Closes the socket, as SunJSSE's streams do. */
    @Override
    public void close() throws IOException {
        driver.close();
    }
}
