package dev.xtls.bench;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How the record cipher should treat direct buffers (issue 13 item 3): the JDK's AES-128-GCM seal plus open of one
 * record, TLS-shaped nonce and AAD as in {@link CipherLimitBenchmark}, with {@code path}:
 * {@code heap}: heap buffers to {@code Cipher.doFinal(ByteBuffer, ByteBuffer)} (the engine's heap path);
 * {@code direct}: direct buffers to the same call; {@code scratch}: direct buffers copied through heap arrays, the
 * plaintext left in them zeroed (what JcaAead does for a buffer without an array), the arrays given to
 * {@code doFinal(byte[], ...)}; {@code scratch-buffers}: the same copies, the arrays given to the cipher as heap
 * ByteBuffers (SunJCE's GCM takes another, faster path for those).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class DirectCipherBenchmark {
    private static final int TAG = 16;

    @Param({"16384", "1024"})
    public int size;

    @Param({"heap", "direct", "scratch", "scratch-buffers"})
    public String path;

    private final Cipher seal;
    private final Cipher open;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[13];
    private ByteBuffer plaintext;
    private ByteBuffer sealed;
    private ByteBuffer opened;
    private byte[] scratchIn;
    private byte[] scratchOut;
    private ByteBuffer scratchInBuffer;
    private ByteBuffer scratchOutBuffer;
    private long sequence;

    public DirectCipherBenchmark() {
        try {
            seal = Cipher.getInstance("AES/GCM/NoPadding");
            open = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        byte[] k = new byte[16];
        random.nextBytes(k);
        key = new SecretKeySpec(k, "AES");
        random.nextBytes(nonce);
        boolean direct = !path.equals("heap");
        plaintext = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        sealed = direct ? ByteBuffer.allocateDirect(size + TAG) : ByteBuffer.allocate(size + TAG);
        opened = direct ? ByteBuffer.allocateDirect(size + TAG) : ByteBuffer.allocate(size + TAG);
        byte[] data = new byte[size];
        random.nextBytes(data);
        plaintext.put(data).flip();
        scratchIn = new byte[size + TAG];
        scratchOut = new byte[size + TAG];
        scratchInBuffer = ByteBuffer.wrap(scratchIn);
        scratchOutBuffer = ByteBuffer.wrap(scratchOut);
        if (sealOpen() != size) {
            throw new IllegalStateException("the record did not open to its plaintext");
        }
    }

    @Benchmark
    public int sealOpen() throws GeneralSecurityException {
        RecordNonce.next(++sequence, size, nonce, aad);
        GCMParameterSpec spec = new GCMParameterSpec(128, nonce);
        seal.init(Cipher.ENCRYPT_MODE, key, spec);
        seal.updateAAD(aad);
        plaintext.rewind();
        sealed.clear();
        if (path.startsWith("scratch")) {
            throughArrays(seal, plaintext, sealed, true);
        } else {
            seal.doFinal(plaintext, sealed);
        }
        sealed.flip();
        open.init(Cipher.DECRYPT_MODE, key, spec);
        open.updateAAD(aad);
        opened.clear();
        return path.startsWith("scratch") ? throughArrays(open, sealed, opened, false) : open.doFinal(sealed, opened);
    }

    /** JcaAead.throughArrays for a direct input and output. */
    private int throughArrays(Cipher cipher, ByteBuffer in, ByteBuffer out, boolean sealing)
            throws GeneralSecurityException {
        int inLength = in.remaining();
        in.get(scratchIn, 0, inLength);
        int n;
        if (path.equals("scratch")) {
            n = cipher.doFinal(scratchIn, 0, inLength, scratchOut, 0);
        } else {
            scratchInBuffer.clear().limit(inLength);
            scratchOutBuffer.clear();
            n = cipher.doFinal(scratchInBuffer, scratchOutBuffer);
        }
        out.put(scratchOut, 0, n);
        if (sealing) {
            Arrays.fill(scratchIn, 0, inLength, (byte) 0);
        } else {
            Arrays.fill(scratchOut, 0, n, (byte) 0);
        }
        return n;
    }
}
