package dev.xtls.jsse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.xtls.handshake.KeyLogSink;
import dev.xtls.wire.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NSS key log file: one line per secret, appended, owner-only, a warning when it is first written. */
class KeyLogFileTest {
    private static final Bytes CLIENT_RANDOM = Bytes.fromHex("0102030405060708090a0b0c0d0e0f10"
            + "1112131415161718191a1b1c1d1e1f20");

    @TempDir
    Path dir;

    @Test
    void writesOneNssLinePerSecretToAnOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("keys.txt");
        KeyLogFile log = new KeyLogFile(file);
        log.secret("CLIENT_RANDOM", CLIENT_RANDOM, new byte[] {(byte) 0xAB, 0x01});
        log.secret("EXPORTER_SECRET", CLIENT_RANDOM, new byte[] {0x7F});
        assertEquals(List.of("CLIENT_RANDOM " + CLIENT_RANDOM.toHex() + " ab01",
                "EXPORTER_SECRET " + CLIENT_RANDOM.toHex() + " 7f"), Files.readAllLines(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void appendsToAFileThatExists() throws Exception {
        Path file = dir.resolve("keys.txt");
        Files.writeString(file, "# from curl\n");
        new KeyLogFile(file).secret("CLIENT_RANDOM", CLIENT_RANDOM, new byte[] {1});
        assertEquals(List.of("# from curl", "CLIENT_RANDOM " + CLIENT_RANDOM.toHex() + " 01"),
                Files.readAllLines(file));
    }

    @Test
    void warnsOnceWhenTheFileIsFirstWritten() {
        Logger jul = Logger.getLogger("dev.xtls.keylog");
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try {
            KeyLogFile log = new KeyLogFile(dir.resolve("keys.txt"));
            log.secret("CLIENT_RANDOM", CLIENT_RANDOM, new byte[] {1});
            log.secret("CLIENT_RANDOM", CLIENT_RANDOM, new byte[] {2});
        } finally {
            jul.removeHandler(h);
        }
        assertEquals(1, records.size(), records.toString());
        assertEquals(Level.WARNING, records.get(0).getLevel());
    }

    @Test
    void theJvmPropertyNamesTheFileAndUnsetOrBlankMeansNone() {
        assertSame(KeyLogSink.NONE, KeyLogSetting.fromProperty(k -> null));
        assertSame(KeyLogSink.NONE, KeyLogSetting.fromProperty(k -> " "));
        Path file = dir.resolve("jvm-keys.txt");
        KeyLogSink sink = KeyLogSetting.fromProperty(Map.of(KeyLogSetting.PROPERTY, file.toString())::get);
        assertEquals(file.toAbsolutePath(), assertInstanceOf(KeyLogFile.class, sink).path());
    }

    @Test
    void aContextsOwnSettingOverridesTheJvmOneAndNullSwitchesItOff() {
        KeyLogSetting setting = new KeyLogSetting();
        setting.use(dir.resolve("ctx.txt"));
        assertInstanceOf(KeyLogFile.class, setting.sink());
        setting.use(null);
        assertSame(KeyLogSink.NONE, setting.sink());
    }
}
