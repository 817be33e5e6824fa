package dev.xtls.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;

/** {@code xtls serve}: an {@link OfferServer} until the process is stopped. */
final class ServeCommand {
    private final PrintStream out;
    private final int port;
    private final String bind;
    private final Optional<String> cert;
    private final Optional<String> key;
    private final String[] protocols;

    ServeCommand(Options options, PrintStream out) throws UsageException {
        this.out = out;
        options.noPositional();
        port = options.intValue("port", 8443);
        bind = options.value("bind").orElse("127.0.0.1");
        cert = options.value("cert");
        key = options.value("key");
        protocols = options.protocols();
        if (cert.isPresent() != key.isPresent()) {
            throw new UsageException("--cert and --key go together");
        }
        if (port < 0 || port > 65535) {
            throw new UsageException("port out of range: " + port);
        }
        options.checkAllUsed("serve");
    }

    int run() {
        SSLContext context;
        try {
            KeyManager[] keys = cert.isPresent() ? ServerCredentials.fromPem(Path.of(cert.get()), Path.of(key.get()))
                    : ServerCredentials.selfSigned();
            context = XtlsContexts.create(keys, null);
        } catch (GeneralSecurityException | IOException e) {
            out.println("cannot load the server credentials: " + e.getMessage());
            return XtlsCli.USAGE;
        }
        try (OfferServer server = new OfferServer(context, protocols, InetAddress.getByName(bind), port,
                out::println)) {
            out.println("listening on https://" + bind + ":" + server.port() + "/"
                    + (cert.isPresent() ? "" : " (self-signed certificate for localhost)"));
            out.flush();
            server.await();
            return XtlsCli.OK;
        } catch (IOException e) {
            out.println("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            return XtlsCli.NETWORK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return XtlsCli.OK;
        }
    }
}
