package dev.xtls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Exit code 2 and a message for command lines the CLI cannot run; --help prints the usage with exit 0. */
class UsageTest {
    @Test
    void helpListsCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertEquals(XtlsCli.OK, run.exitCode());
        assertTrue(run.out().contains("connect HOST:PORT") && run.out().contains("serve")
                && run.out().contains("probe HOST:PORT"), run.toString());
        assertTrue(run.out().contains("exit codes: 0 ok, 1 handshake failed, 2 usage error, 3 network error"),
                run.toString());
        assertEquals(XtlsCli.OK, CliRun.of("connect", "--help").exitCode());
    }

    @Test
    void noCommandPrintsUsageWithExit2() {
        CliRun run = CliRun.of();
        assertEquals(XtlsCli.USAGE, run.exitCode());
        assertTrue(run.out().startsWith("usage: xtls"), run.toString());
    }

    @Test
    void badCommandLinesExit2WithAMessage() {
        assertUsage("unknown command: frobnicate", "frobnicate");
        assertUsage("missing HOST:PORT", "connect");
        assertUsage("expected HOST:PORT, got example.com", "connect", "example.com");
        assertUsage("port out of range: 70000", "connect", "example.com:70000");
        assertUsage("--tls1.2 and --tls1.3 exclude each other", "connect", "a:1", "--tls1.2", "--tls1.3");
        assertUsage("unknown option: --bogus", "probe", "a:1", "--bogus");
        assertUsage("--alpn needs a value", "connect", "a:1", "--alpn");
        assertUsage("--port does not apply to connect", "connect", "a:1", "--port", "1");
        assertUsage("--cert and --key go together", "serve", "--cert", "c.pem");
        assertUsage("--port needs a number, not x", "serve", "--port", "x");
    }

    private static void assertUsage(String message, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(XtlsCli.USAGE, run.exitCode(), run.toString());
        assertTrue(run.err().contains("xtls: " + message), run.toString());
    }
}
