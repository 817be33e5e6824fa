package dev.xtls.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * External programs tests run as peers (openssl, curl, softhsm2-util, redis-server, gnutls-cli/-serv). A test whose
 * tool is missing is skipped with the install command, so {@code mvn -B verify} passes on a machine with only Java
 * and Maven; with {@code -Dxtls.requireTools=true} (set by .ci/run, which installs them all) a missing tool fails
 * the test instead, so CI never skips one. {@code -Dxtls.tools.hide=softhsm2-util,...} makes tools look missing,
 * to try the skips on a machine that has them.
 */
public final class Tools {
    /** Comma-separated tool names treated as absent. */
    public static final String HIDE_PROPERTY = "xtls.tools.hide";
    /** "true": a missing tool fails the test instead of skipping it. */
    public static final String REQUIRE_PROPERTY = "xtls.requireTools";

    private final String path;
    private final Set<String> hidden;
    private final boolean required;

    Tools(String path, String hide, boolean required) {
        this.path = path;
        this.hidden = Arrays.stream(hide.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        this.required = required;
    }

    /** The tools of this JVM: its PATH and the two system properties. */
    static Tools ofThisJvm() {
        return new Tools(System.getenv().getOrDefault("PATH", ""), System.getProperty(HIDE_PROPERTY, ""),
                Boolean.getBoolean(REQUIRE_PROPERTY));
    }

    /**
     * The absolute path of {@code tool}; when it is missing the calling test is skipped (JUnit assumption) or,
     * under {@code -Dxtls.requireTools=true}, fails. {@code debianPackage} goes into the message.
     */
    public static String require(String tool, String debianPackage) {
        return ofThisJvm().path(tool, debianPackage);
    }

    /** Whether {@code tool} is on PATH and not hidden. */
    public static boolean present(String tool) {
        return ofThisJvm().find(tool).isPresent();
    }

    String path(String tool, String debianPackage) {
        Optional<Path> found = find(tool);
        if (found.isPresent()) {
            return found.get().toString();
        }
        String message = tool + " is not installed" + (hidden.contains(tool) ? " (hidden by -D" + HIDE_PROPERTY
                + ")" : "") + "; install it: apt-get install -y " + debianPackage + " (.ci/run installs every tool)";
        if (required) {
            throw new AssertionError(message + "; -D" + REQUIRE_PROPERTY + "=true forbids skipping");
        }
        return Assumptions.abort(message);
    }

    Optional<Path> find(String tool) {
        if (hidden.contains(tool)) {
            return Optional.empty();
        }
        return Arrays.stream(path.split(File.pathSeparator)).filter(d -> !d.isEmpty()).map(d -> Path.of(d, tool))
                .filter(Files::isExecutable).findFirst();
    }
}
