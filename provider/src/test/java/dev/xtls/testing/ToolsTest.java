package dev.xtls.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class ToolsTest {
    @TempDir
    Path dir;
    Path bin;
    String path;

    @BeforeEach
    void fakeTool() throws Exception {
        bin = Files.createDirectories(dir.resolve("bin"));
        Files.createFile(bin.resolve("peer-tool"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createFile(bin.resolve("not-executable"));
        path = dir.resolve("empty") + File.pathSeparator + bin;
    }

    @Test
    void aToolOnThePathIsFound() {
        assertEquals(bin.resolve("peer-tool").toString(), new Tools(path, "", false).path("peer-tool", "pkg"));
        assertEquals(bin.resolve("peer-tool").toString(), new Tools(path, "", true).path("peer-tool", "pkg"));
    }

    @Test
    void aMissingToolSkipsTheTestWithTheInstallCommand() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> new Tools(path, "", false).path("absent-tool", "some-package"));
        assertTrue(e.getMessage().contains("absent-tool is not installed; install it: apt-get install -y some-package"),
                e.getMessage());
        assertThrows(TestAbortedException.class, () -> new Tools(path, "", false).path("not-executable", "pkg"));
    }

    @Test
    void aHiddenToolCountsAsMissing() {
        Tools tools = new Tools(path, "other, peer-tool", false);
        assertTrue(tools.find("peer-tool").isEmpty());
        TestAbortedException e = assertThrows(TestAbortedException.class, () -> tools.path("peer-tool", "pkg"));
        assertTrue(e.getMessage().contains("hidden by -Dxtls.tools.hide"), e.getMessage());
    }

    @Test
    void requiredToolsFailInsteadOfSkipping() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> new Tools(path, "peer-tool", true).path("peer-tool", "pkg"));
        assertTrue(e.getMessage().contains("-Dxtls.requireTools=true forbids skipping"), e.getMessage());
        assertThrows(AssertionError.class, () -> new Tools(path, "", true).path("absent-tool", "pkg"));
    }
}
