package dev.xtls.jsse.socket;

import java.io.IOException;
import java.io.OutputStream;

/** A socket's plaintext out: each write is sent, as records, before it returns; flush() has nothing to do. */
final class TlsOutputStream extends OutputStream {
    private final EngineDriver driver;

    TlsOutputStream(EngineDriver driver) {
        this.driver = driver;
    }

    @Override
    public void write(int b) throws IOException {
        driver.write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        driver.write(b, off, len);
    }

    /** Closes the socket, as SunJSSE's streams do. */
    @Override
    public void close() throws IOException {
        driver.close();
    }
}
