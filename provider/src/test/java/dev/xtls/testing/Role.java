package dev.xtls.testing;

/** Which end of a connection. */
public enum Role {
    CLIENT,
    SERVER;

    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
