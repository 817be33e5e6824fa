package dev.xtls.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
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
 * {@link CipherLimitBenchmark}'s ChaCha20-Poly1305 row with Bouncy Castle's lightweight ChaCha20Poly1305 instead of
 * SunJCE (issue 13: which one Xtls should seal its records with): one seal plus one open of one record, TLS-shaped
 * nonce and 13-byte AAD. Run it in the same JMH run as {@code CipherLimitBenchmark -p suite=CHACHA20_POLY1305}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class BcChaChaLimitBenchmark {

    @Param({"16384", "1024"})
    public int size;

    private final ChaCha20Poly1305 seal = new ChaCha20Poly1305();
    private final ChaCha20Poly1305 open = new ChaCha20Poly1305();
    private KeyParameter key;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[13];
    private byte[] plaintext;
    private byte[] sealed;
    private byte[] opened;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws InvalidCipherTextException {
        SecureRandom random = new SecureRandom();
        byte[] k = new byte[32];
        random.nextBytes(k);
        key = new KeyParameter(k);
        random.nextBytes(nonce);
        plaintext = new byte[size];
        random.nextBytes(plaintext);
        sealed = new byte[size + 16];
        opened = new byte[size + 16];
        sealOpen();
    }

    @Benchmark
    public int sealOpen() throws InvalidCipherTextException {
        RecordNonce.next(++sequence, size, nonce, aad);
        AEADParameters params = new AEADParameters(key, 128, nonce, aad);
        seal.init(true, params);
        int n = seal.processBytes(plaintext, 0, size, sealed, 0);
        n += seal.doFinal(sealed, n);
        open.init(false, params);
        int m = open.processBytes(sealed, 0, n, opened, 0);
        return m + open.doFinal(opened, m);
    }
}
