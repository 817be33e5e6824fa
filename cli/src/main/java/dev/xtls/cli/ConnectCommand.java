package dev.xtls.cli;

import dev.xtls.api.Xtls;
import dev.xtls.jsse.SessionDetails;
import dev.xtls.jsse.XtlsSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/** {@code xtls connect HOST:PORT}: one handshake (two with --reconnect) and what it negotiated, as s_client shows. */
final class ConnectCommand {
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int READ_TIMEOUT_MILLIS = 5_000;
    private static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final PrintStream out;
    private final HostPort target;
    private final String serverName;
    private final String[] protocols;
    private final String[] alpn;
    private final boolean insecure;
    private final boolean reconnect;
    private final boolean trace;
    private final Path caFile;
    private final Path keyLog;
    private final String getPath;

    ConnectCommand(Options options, PrintStream out) throws UsageException {
        this.out = out;
        target = HostPort.parse(options.positional("HOST:PORT"));
        serverName = options.value("servername").orElse(target.host());
        protocols = options.protocols();
        alpn = options.value("alpn").map(s -> s.split(",")).orElse(null);
        insecure = options.flag("insecure");
        reconnect = options.flag("reconnect");
        trace = options.flag("trace");
        caFile = options.value("cafile").map(Path::of).orElse(null);
        keyLog = options.value("keylog").map(Path::of).orElse(null);
        getPath = options.value("get").orElse(null);
        options.checkAllUsed("connect");
    }

    int run() {
        ValidationRecorder validation;
        SSLContext context;
        try {
            validation = new ValidationRecorder(XtlsContexts.pkix(caFile), insecure);
            context = XtlsContexts.create(null, new TrustManager[] {validation});
        } catch (GeneralSecurityException | IOException e) {
            out.println("cannot set up trust: " + e.getMessage());
            return XtlsCli.USAGE;
        }
        if (keyLog != null) {
            Xtls.setKeyLog(context, keyLog); // NSS key log format, owner-only file
        }
        try {
            SSLSession first = connectOnce(context, validation);
            if (reconnect) {
                out.println();
                out.println("--- reconnecting");
                SSLSession second = connectOnce(context, validation);
                out.println(resumed(first, second) ? "Reused, the session was resumed" : "New, not resumed");
            }
            return XtlsCli.OK;
        } catch (SSLException e) {
            out.println("handshake failed: " + e.getMessage());
            out.println("certificate validation: " + validation.verdict());
            return XtlsCli.HANDSHAKE_FAILED;
        } catch (IOException e) {
            out.println("network error: " + e);
            return XtlsCli.NETWORK;
        }
    }

    /**
     * TLS 1.3: a PSK handshake has no CertificateVerify (RFC 8446 §2.2), so the new session has no peer signature
     * scheme. TLS 1.2: the resumed session is the first one (RFC 5246 §7.3), its id and creation time.
     */
    static boolean resumed(SSLSession first, SSLSession second) {
        if (second.getProtocol().equals("TLSv1.3")) {
            return second instanceof XtlsSession x && x.details().peerSignatureScheme() == null;
        }
        return first.getCreationTime() == second.getCreationTime() && Arrays.equals(first.getId(), second.getId());
    }

    private SSLSession connectOnce(SSLContext context, ValidationRecorder validation) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(target.host(), target.port()), CONNECT_TIMEOUT_MILLIS);
            plain.setSoTimeout(READ_TIMEOUT_MILLIS);
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        out.println("CONNECTED to " + target + " (" + plain.getInetAddress().getHostAddress() + ")");
        // the peer host is the server name: SNI and the host-name check use it
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, serverName,
                target.port(), true)) {
            SSLParameters p = socket.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            if (protocols != null) {
                p.setProtocols(protocols);
            }
            if (alpn != null) {
                p.setApplicationProtocols(alpn);
            }
            socket.setSSLParameters(p);
            try {
                socket.startHandshake();
            } finally {
                printTrace(socket);
            }
            SSLSession session = socket.getSession();
            printSession(socket, session);
            out.println("certificate validation: " + validation.verdict());
            exchange(socket);
            return session;
        }
    }

    private void printTrace(SSLSocket socket) {
        if (!trace) {
            return;
        }
        Xtls.handshakeTrace(socket).ifPresent(out::println);
    }

    private void printSession(SSLSocket socket, SSLSession session) {
        out.println("protocol          " + session.getProtocol());
        out.println("cipher suite      " + session.getCipherSuite());
        if (session instanceof XtlsSession x) {
            SessionDetails d = x.details();
            out.println("group             " + (d.group() == null ? "none" : d.group().name()));
            out.println("signature scheme  " + (d.peerSignatureScheme() == null ? "none (resumed)"
                    : d.peerSignatureScheme().name()));
            if (!session.getProtocol().equals("TLSv1.3")) {
                out.println("extended master   " + (d.extendedMasterSecret() ? "yes" : "no") + " (RFC 7627)");
            }
        }
        String protocol = socket.getApplicationProtocol();
        out.println("ALPN              " + (protocol == null || protocol.isEmpty() ? "none" : protocol));
        byte[] id = session.getId();
        out.println("session id        " + (id.length == 0 ? "none" : HexFormat.of().formatHex(id)));
        try {
            Certificate[] chain = session.getPeerCertificates();
            out.println("certificate chain (" + chain.length + ")");
            for (int i = 0; i < chain.length; i++) {
                String prefix = " " + i + " ";
                for (String line : CertificateDescription.lines((X509Certificate) chain[i])) {
                    out.println(prefix + line);
                    prefix = " ".repeat(prefix.length());
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            out.println("certificate chain: none");
        }
    }

    /**
     * With --get, one HTTP/1.1 request and the response; without, a short read, so that TLS 1.3 session tickets
     * (sent after the handshake, RFC 8446 §4.6.1) arrive before the connection closes.
     */
    private void exchange(SSLSocket socket) throws IOException {
        if (getPath != null) {
            OutputStream o = socket.getOutputStream();
            o.write(("GET " + getPath + " HTTP/1.1\r\nHost: " + serverName + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            o.flush();
            out.println("--- response");
            out.println(new String(readBounded(socket.getInputStream()), StandardCharsets.UTF_8));
        } else if (reconnect && "TLSv1.3".equals(socket.getSession().getProtocol())) {
            socket.setSoTimeout(ProbeConnection.TICKET_WAIT_MILLIS);
            try {
                socket.getInputStream().read(new byte[1024]);
            } catch (SocketTimeoutException e) {
                // nothing to read: the tickets, if any, have been processed
            }
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        return in.readNBytes(MAX_RESPONSE_BYTES);
    }
}
