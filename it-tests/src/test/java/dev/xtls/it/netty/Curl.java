package dev.xtls.it.netty;

import dev.xtls.testing.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code curl} binary with a time bound. A missing curl skips the test, or fails it under
 * {@code -Dxtls.requireTools=true} as in CI ({@link Tools}).
 */
public final class Curl {

    /** Bound for one curl process; curl's own {@code --max-time} is a little shorter. */
    public static final int TIMEOUT_SECONDS = 20;

    private Curl() {
    }

    public record Output(int exitCode, String stdout, String stderr, List<String> command) {
        public String describe() {
            return String.join(" ", command) + "\nexit " + exitCode + "\n--- stdout ---\n" + stdout
                    + "\n--- stderr ---\n" + stderr;
        }
    }

    /**
     * {@code curl -sS <protocolFlag> https://localhost:PORT/}, trusting only {@code caFile}, with "localhost" pinned
     * to 127.0.0.1; stdout is the body followed by {@code %{http_version}} ("2" or "1.1").
     */
    public static Output get(int port, Path caFile, String protocolFlag) {
        return request(port, caFile, "/", protocolFlag);
    }

    /** As {@link #get}, for {@code path}, with {@code extra} arguments ({@code -o file}, {@code --data-binary}). */
    public static Output request(int port, Path caFile, String path, String protocolFlag, String... extra) {
        List<String> args = new ArrayList<>(List.of("-sS", protocolFlag, "--cacert", caFile.toString(), "--resolve",
                "localhost:" + port + ":127.0.0.1", "--max-time", String.valueOf(TIMEOUT_SECONDS - 5), "-w",
                "%{http_version}"));
        args.addAll(List.of(extra));
        args.add("https://localhost:" + port + path);
        return run(args);
    }

    public static Output run(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Tools.require("curl", "curl"));
        cmd.addAll(args);
        Path dir;
        try {
            dir = Files.createTempDirectory("curl");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = null;
        try {
            p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + TIMEOUT_SECONDS
                        + " s\n" + Files.readString(err));
            }
            return new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), cmd);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", cmd)
                    + " (install curl: Debian apt-get install -y curl; .ci/run does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", cmd), e);
        } finally {
            if (p != null && p.isAlive()) {
                p.destroyForcibly();
            }
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // temp files only
            }
        }
    }
}
