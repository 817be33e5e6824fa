package dev.xtls.bench;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
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
 * The physical limit of bulk transfer: raw javax.crypto (the JDK's SunJCE, intrinsics on) seal and open of one
 * record's worth of plaintext with a TLS-shaped nonce (fresh per record) and 13-byte AAD. One operation = one seal
 * plus one open, the work a connection does per record at both ends.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(1)
public class CipherLimitBenchmark {

    @Param
    public Suite suite;

    @Param({"16384", "1024"})
    public int size;

    private Cipher seal;
    private Cipher open;
    private SecretKeySpec key;
    private final byte[] nonce = new byte[12];
    private final byte[] aad = new byte[13];
    private byte[] plaintext;
    private byte[] sealed;
    private byte[] opened;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        SecureRandom random = new SecureRandom();
        byte[] k = new byte[suite.keyLength];
        random.nextBytes(k);
        key = new SecretKeySpec(k, suite == Suite.CHACHA20_POLY1305 ? "ChaCha20" : "AES");
        random.nextBytes(nonce);
        seal = Cipher.getInstance(suite.transformation);
        open = Cipher.getInstance(suite.transformation);
        plaintext = new byte[size];
        random.nextBytes(plaintext);
        sealed = new byte[size + 16];
        opened = new byte[size + 16];
        sealOpen();
    }

    @Benchmark
    public int sealOpen() throws GeneralSecurityException {
        RecordNonce.next(++sequence, size, nonce, aad);
        AlgorithmParameterSpec spec = suite == Suite.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(128, nonce);
        seal.init(Cipher.ENCRYPT_MODE, key, spec);
        seal.updateAAD(aad);
        int n = seal.doFinal(plaintext, 0, size, sealed, 0);
        open.init(Cipher.DECRYPT_MODE, key, spec);
        open.updateAAD(aad);
        return open.doFinal(sealed, 0, n, opened, 0);
    }
}
