package dev.xtls.cli;

/** {@code HOST:PORT}, {@code [IPv6]:PORT}. */
record HostPort(String host, int port) {
    static HostPort parse(String s) throws UsageException {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new UsageException("expected HOST:PORT, got " + s);
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new UsageException("port out of range: " + port);
            }
            return new HostPort(host, port);
        } catch (NumberFormatException e) {
            throw new UsageException("expected HOST:PORT, got " + s);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
