package dev.xtls.session.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What the cache logs (System.Logger goes to java.util.logging here) while a test runs. */
final class CapturedLog extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(RedisSessionCache.class.getName());
    private final List<LogRecord> records = new ArrayList<>();

    CapturedLog() {
        logger.addHandler(this);
    }

    /** Messages (unformatted) logged at exactly {@code level}. */
    synchronized List<String> at(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
