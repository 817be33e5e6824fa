package dev.xtls.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code xtls} command: {@code connect}, {@code serve} and {@code probe}, each on Xtls's own client or server.
 * {@link #run} returns the exit code, so tests run the command in process; {@link #main} exits with it.
 */
public final class XtlsCli {
    public static final int OK = 0;
    public static final int HANDSHAKE_FAILED = 1;
    public static final int USAGE = 2;
    public static final int NETWORK = 3;

    static final String HELP = """
            usage: xtls <command> [options]

              connect HOST:PORT   handshake with a server and show what was negotiated (like openssl s_client)
                --tls1.2 | --tls1.3     offer only that version (default: both)
                --alpn LIST             offer these ALPN protocols, comma-separated (e.g. h2,http/1.1)
                --servername NAME       SNI name and the name the certificate must match (default: HOST)
                --cafile PEM            trust these CA certificates instead of the JDK's cacerts
                --insecure              connect even if the certificate does not validate (says why it would not)
                --reconnect             connect a second time and say whether the session was resumed
                --keylog FILE           append the connection's secrets to FILE (NSS key log format, for Wireshark)
                --trace                 print the handshake messages as they were exchanged
                --get PATH              send GET PATH (HTTP/1.1) and print the response

              serve               an HTTPS server whose page shows what the client offered (like openssl s_server -www)
                --port N                port to listen on (default 8443; 0 picks a free one)
                --bind ADDRESS          address to listen on (default 127.0.0.1)
                --cert PEM --key PEM    certificate chain and PKCS#8 key (default: a fresh self-signed localhost one)
                --tls1.2 | --tls1.3     accept only that version

              probe HOST:PORT     which versions, cipher suites, groups and signature algorithms a server accepts,
                                  one Xtls handshake per item offering only that item
                --servername NAME       SNI name (default: HOST)

              --help              this text

            exit codes: 0 ok, 1 handshake failed, 2 usage error, 3 network error (cannot connect, reset, timeout)
            """;

    private XtlsCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(HELP);
            return args.length == 0 ? USAGE : OK;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            Options options = Options.parse(rest);
            if (options.flag("help")) {
                out.print(HELP);
                return OK;
            }
            return switch (args[0]) {
                case "connect" -> new ConnectCommand(options, out).run();
                case "serve" -> new ServeCommand(options, out).run();
                case "probe" -> new ProbeCommand(options, out).run();
                default -> throw new UsageException("unknown command: " + args[0]);
            };
        } catch (UsageException e) {
            err.println("xtls: " + e.getMessage());
            err.println("run 'xtls --help' for usage");
            return USAGE;
        }
    }
}
