package dev.xtls.session.redis;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed {@code redis://[[user]:password@]host[:port][/database][?timeout=50ms&prefix=xtls:session:]} location: where
 * the cache lives, how long any operation may wait, and the namespace of its keys.
 */
record RedisLocation(String host, int port, int database, String username, char[] password, Duration timeout,
                     String keyPrefix) {
    static final String SCHEME = "redis";
    static final int DEFAULT_PORT = 6379;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);
    static final String DEFAULT_PREFIX = "xtls:session:";

    // A budget longer than this is a typo for a handshake-path wait, not a choice.
    private static final Duration MAX_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,6})(ms|s)");

    static boolean hasRedisScheme(URI location) {
        return location.getScheme() != null && location.getScheme().toLowerCase(Locale.ROOT).equals(SCHEME);
    }

    /** The location's parts; an IllegalArgumentException naming the bad part otherwise. */
    static RedisLocation parse(URI location) {
        if (!hasRedisScheme(location)) {
            throw invalid(location, "the scheme must be redis:// (TLS to Redis, rediss://, is not supported)");
        }
        if (location.getHost() == null) {
            throw invalid(location, "no host; expected redis://host:port");
        }
        int port = location.getPort() == -1 ? DEFAULT_PORT : location.getPort();
        if (port < 1 || port > 65535) {
            throw invalid(location, "port " + port + " is outside 1..65535");
        }
        Duration timeout = DEFAULT_TIMEOUT;
        String prefix = DEFAULT_PREFIX;
        for (String parameter : queryParameters(location)) {
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
            switch (name) {
                case "timeout" -> timeout = parseTimeout(location, value);
                case "prefix" -> prefix = value;
                default -> throw invalid(location, "unknown parameter '" + name + "'; known: timeout, prefix");
            }
        }
        String userInfo = location.getUserInfo();
        int colon = userInfo == null ? -1 : userInfo.indexOf(':');
        String username = colon > 0 ? userInfo.substring(0, colon) : null;
        char[] password = userInfo == null ? null : userInfo.substring(colon + 1).toCharArray();
        String host = location.getHost().startsWith("[") // an IPv6 literal, [::1]
                ? location.getHost().substring(1, location.getHost().length() - 1) : location.getHost();
        return new RedisLocation(host, port, parseDatabase(location), username, password, timeout,
                prefix);
    }

    private static String[] queryParameters(URI location) {
        String query = location.getRawQuery();
        return query == null || query.isEmpty() ? new String[0] : query.split("&");
    }

    private static Duration parseTimeout(URI location, String value) {
        Matcher m = TIMEOUT.matcher(value);
        if (!m.matches()) {
            throw invalid(location, "timeout '" + value + "' is not a duration such as 50ms or 1s");
        }
        long amount = Long.parseLong(m.group(1));
        Duration timeout = m.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw invalid(location, "timeout " + value + " is outside 1ms..10s");
        }
        return timeout;
    }

    private static int parseDatabase(URI location) {
        String path = location.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return 0;
        }
        try {
            int database = Integer.parseInt(path.substring(1));
            if (database >= 0) {
                return database;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(location, "path '" + path + "' is not a database number such as /0");
    }

    private static IllegalArgumentException invalid(URI location, String why) {
        // Never echo a password back into a log.
        String shown = location.getUserInfo() == null ? location.toString()
                : location.toString().replace(location.getRawUserInfo() + "@", "***@");
        return new IllegalArgumentException("Redis session cache location " + shown + ": " + why);
    }

    /** The location without its password, for log messages. */
    String display() {
        return SCHEME + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + (database == 0 ? "" : "/" + database);
    }
}
