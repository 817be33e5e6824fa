package dev.xtls.bench.timing;

import dev.xtls.crypto.HashAlgorithm;
import dev.xtls.testing.Credential;
import dev.xtls.testing.TestPki;
import java.util.List;

/**
 * Statistical timing harness for side channels (dudect / Marvin method; not a test: nothing timed is asserted).
 * {@code java -cp benchmarks/target/benchmarks.jar dev.xtls.bench.timing.TimingHarness TARGET [samples]}, TARGET one
 * of {@code rsa} (premaster decryption), {@code rsa-engine} (Xtls server engine), {@code rsa-sunjsse} (SunJSSE's, for
 * comparison), {@code cbc}, {@code finished}, {@code binder}, {@code control} (a comparison that does leak, to show
 * the harness sees it). Prints, per target, the medians of every class and, for
 * every pair, the largest Welch |t| over the percentile crops, the Wilcoxon signed-rank p and the median
 * difference with its 95% interval, then one RESULT line.
 */
public final class TimingHarness {
    private static final long SEED = 0x5EED;

    private TimingHarness() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: TimingHarness rsa|rsa-engine|rsa-sunjsse|cbc|finished|binder|control [samples]");
            System.exit(2);
        }
        String target = args[0];
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : defaultSamples(target);
        System.out.printf("%s, %s %s, %d samples per class%n", target, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), samples);
        switch (target) {
            case "rsa" -> run("RSA premaster decryption (rsaDecryptPremaster)", RsaTargets.decrypt(rsa()), samples);
            case "rsa-engine" -> rsaEngine("Xtls", samples);
            case "rsa-sunjsse" -> rsaEngine("SunJSSE", samples);
            case "cbc" -> {
                for (int bodyLength : CbcTargets.BODY_LENGTHS) {
                    for (HashAlgorithm hash : CbcTargets.HASHES) {
                        run("CBC MAC-then-encrypt HMAC-" + hash + ", " + (16 + bodyLength) + "-byte record",
                                CbcTargets.classes(hash, bodyLength), samples);
                    }
                }
            }
            case "finished" -> {
                run("TLS 1.2 Finished verify_data (12 bytes)", ComparisonTargets.classes(12, SEED), samples);
                run("TLS 1.3 Finished HMAC-SHA256 (32 bytes)", ComparisonTargets.classes(32, SEED), samples);
                run("TLS 1.3 Finished HMAC-SHA384 (48 bytes)", ComparisonTargets.classes(48, SEED), samples);
            }
            case "control" -> run("positive control: Arrays.equals, 256 bytes (returns at the first difference)",
                    ComparisonTargets.earlyExitControl(256, SEED), samples);
            case "binder" -> {
                run("TLS 1.3 PSK binder SHA-256 (32 bytes)", ComparisonTargets.classes(32, SEED + 1), samples);
                run("TLS 1.3 PSK binder SHA-384 (48 bytes)", ComparisonTargets.classes(48, SEED + 1), samples);
            }
            default -> {
                System.err.println("unknown target " + target);
                System.exit(2);
            }
        }
    }

    private static int defaultSamples(String target) {
        return switch (target) {
            case "rsa" -> 5000;
            case "rsa-engine", "rsa-sunjsse" -> 2000;
            default -> 20000;
        };
    }

    private static Credential rsa() {
        return TestPki.create().rsa2048();
    }

    private static void rsaEngine(String provider, int samples) throws Exception {
        TestPki pki = TestPki.create();
        run(provider + " server engine, ClientKeyExchange .. alert, " + RsaTargets.SUITE,
                RsaTargets.engine(pki, pki.rsa2048(), provider), samples);
    }

    private static void run(String target, List<InputClass> classes, int samples) throws Exception {
        long[][] nanos = new InterleavedSampler(SEED).sample(classes, samples, Math.max(50, samples / 10));
        TimingReport.print(target, classes, nanos);
    }
}
