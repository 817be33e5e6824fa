package dev.xtls.it.apps;

import dev.xtls.testing.Credential;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * Embedded Tomcat 11 on 127.0.0.1 with one NIO HTTPS connector (HTTP/1.1, and h2 by ALPN) whose TLS runs on the
 * given SSLContext, handed over through {@code SSLHostConfigCertificate.setSslContext}. Every request gets
 * {@code "<method> <path> <protocol>"} back; the protocol and TLS version the servlet saw are recorded.
 */
final class TomcatServer implements AutoCloseable {
    /** What the servlet saw of one request: HTTP protocol and the TLS version Tomcat reports. */
    record Seen(String httpProtocol, String tlsProtocol) {
    }

    private final Tomcat tomcat;
    private final Connector connector;
    private final TomcatSslContext sslContext;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    private TomcatServer(SSLContext context, Credential credential, Path baseDir) throws LifecycleException {
        sslContext = new TomcatSslContext(context, credential.chain());
        tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        connector = new Connector("org.apache.coyote.http11.Http11NioProtocol");
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig host = new SSLHostConfig();
        // Tomcat sets on each engine its cipher list filtered by what SunJSSE implements; Xtls refuses suite names it
        // does not implement (as SunJSSE does), so the list must be the Xtls context's own.
        host.setCiphers(String.join(",", context.getDefaultSSLParameters().getCipherSuites()));
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host,
                SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setSslContext(sslContext);
        host.addCertificate(certificate);
        connector.addSslHostConfig(host);
        connector.addUpgradeProtocol(new Http2Protocol());
        tomcat.setConnector(connector);
        Context app = tomcat.addContext("", baseDir.toString());
        Tomcat.addServlet(app, "echo", new EchoServlet());
        app.addServletMappingDecoded("/*", "echo");
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            close();
            throw e;
        }
    }

    static TomcatServer start(SSLContext context, Credential credential, Path baseDir) throws LifecycleException {
        return new TomcatServer(context, credential, baseDir);
    }

    int port() {
        return connector.getLocalPort();
    }

    /** The engines Tomcat took from the SSLContext it was given. */
    List<SSLEngine> engines() {
        return sslContext.engines();
    }

    /** What the servlet saw of the next request, waiting at most 10 s. */
    Seen next() throws InterruptedException {
        Seen s = seen.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("Tomcat handled no request within 10 s");
        }
        return s;
    }

    @Override
    public void close() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    private final class EchoServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            // Servlet 6.1 §3.10.1: the TLS protocol version of a secure request
            seen.add(new Seen(request.getProtocol(),
                    (String) request.getAttribute("jakarta.servlet.request.secure_protocol")));
            response.setContentType("text/plain; charset=utf-8");
            response.getOutputStream().write((request.getMethod() + " " + request.getRequestURI() + " "
                    + request.getProtocol()).getBytes(StandardCharsets.UTF_8));
        }
    }
}
