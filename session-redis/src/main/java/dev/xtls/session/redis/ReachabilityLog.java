package dev.xtls.session.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicReference;

/** Logs when Redis stops answering and when it answers again: once per change, never once per request. */
final class ReachabilityLog {
    private enum State { UNKNOWN, UP, DOWN }

    private static final System.Logger LOG = System.getLogger(RedisSessionCache.class.getName());

    private final String where;
    private final AtomicReference<State> state = new AtomicReference<>(State.UNKNOWN);

    ReachabilityLog(String where) {
        this.where = where;
    }

    void answered() {
        if (state.getAndSet(State.UP) == State.DOWN) {
            LOG.log(Level.INFO, "Session cache {0} answers again; sessions are shared by the fleet again", where);
        }
    }

    void failed(Throwable cause) {
        if (state.getAndSet(State.DOWN) != State.DOWN) {
            LOG.log(Level.WARNING, "Session cache " + where + " is unreachable or slow (" + describe(cause)
                    + "); clients resuming a session another server made get a full handshake until it answers");
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
