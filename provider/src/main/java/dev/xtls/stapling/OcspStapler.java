package dev.xtls.stapling;

import dev.xtls.wire.Bytes;
import dev.xtls.x509.OcspResponseCheck;
import dev.xtls.x509.StapledResponses;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;

/**
 * Server: the OCSP responses an SSLContext staples (RFC 6066 §8). A handshake only reads the cache; a missing or
 * half-aged response is fetched on the context's own daemon thread, so a slow or dead responder never delays a
 * handshake: the handshakes before the first response arrives go without a staple. A response is kept until its
 * nextUpdate or the cache lifetime, whichever is first; a failed fetch is retried after the response timeout.
 */
public final class OcspStapler implements StapledResponses {
    private final StaplingSettings settings;
    private final LongSupplier clock;
    private final ResponderLocator responders;
    private final OcspFetcher fetcher;
    private final OcspResponseCache cache;
    private final ThreadPoolExecutor executor;
    private final Set<X509Certificate> inFlight = ConcurrentHashMap.newKeySet();

    public OcspStapler(StaplingSettings settings, LongSupplier clock) {
        this.settings = settings;
        this.clock = clock;
        this.responders = new ResponderLocator(settings.responderUri(), settings.responderOverride());
        this.fetcher = new OcspFetcher(settings.responseTimeout());
        this.cache = new OcspResponseCache(settings.cacheBound());
        // one daemon thread that ends when idle; at most cacheBound fetches wait
        this.executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.cacheBound()), r -> {
                    Thread t = new Thread(r, "xtls-ocsp-stapling");
                    t.setDaemon(true);
                    return t;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    @Override
    public Optional<Bytes> ocspResponse(List<X509Certificate> chain) {
        if (chain.size() < 2) {
            return Optional.empty(); // RFC 6960 §4.1.1: the CertID needs the issuer
        }
        long now = clock.getAsLong();
        Optional<OcspResponseCache.Entry> entry = cache.get(chain.get(0), now);
        if (entry.isEmpty() || entry.get().response() != null && entry.get().staleAt() <= now) {
            refreshInBackground(chain);
        }
        return entry.map(OcspResponseCache.Entry::response);
    }

    private void refreshInBackground(List<X509Certificate> chain) {
        X509Certificate leaf = chain.get(0);
        if (!inFlight.add(leaf)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    refresh(leaf, chain.get(1));
                } finally {
                    inFlight.remove(leaf);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(leaf); // the queue is full: a later handshake asks again
        }
    }

    private void refresh(X509Certificate leaf, X509Certificate issuer) {
        Optional<URI> responder = responders.responder(leaf);
        try {
            if (responder.isEmpty()) {
                throw new IOException("no OCSP responder for " + leaf.getSubjectX500Principal());
            }
            byte[] request = new OCSPReqBuilder().addRequest(OcspResponseCheck.certificateId(leaf, issuer)).build()
                    .getEncoded();
            byte[] der = fetcher.fetch(responder.get(), request);
            long now = clock.getAsLong();
            OcspResponseCheck.Answer answer = OcspResponseCheck.check(der, leaf, issuer, now);
            long expires = answer.nextUpdate() == null ? Long.MAX_VALUE : answer.nextUpdate().getTime();
            if (settings.cacheLifetime().toMillis() > 0) {
                expires = Math.min(expires, now + settings.cacheLifetime().toMillis());
            }
            if (expires == Long.MAX_VALUE) {
                expires = now + settings.responseTimeout().toMillis(); // neither bound: not worth keeping
            }
            cache.put(leaf, new OcspResponseCache.Entry(Bytes.wrap(der), now + (expires - now) / 2, expires));
        } catch (IOException | OCSPException | IllegalArgumentException | IllegalStateException e) {
            // no staple until the pause is over; handshakes go on without one
            long retryAt = clock.getAsLong() + Math.max(1000, settings.responseTimeout().toMillis());
            cache.put(leaf, new OcspResponseCache.Entry(null, retryAt, retryAt));
        }
    }
}
