package dev.xtls.bench;

import java.util.Locale;

/**
 * How the benchmark's contexts are configured (the JMH param {@code config}). {@code tuned}: groups restricted to
 * the case's own, the key manager of {@link Impl#JDK_KEY_MANAGER} (SunX509 by default), an in-memory PKCS#12 store.
 * {@code defaults-sunx509} and {@code defaults-pkix}: what a user's server gets without tuning — no group
 * restriction, the key store read from PKCS#12 bytes (as from a file), the JDK's {@code SunX509} resp. {@code PKIX}
 * key manager (BCJSSE: its own PKIX either way; Xtls: its own PKIX, which its provider registers), PKIX trust manager.
 */
public enum ContextConfig {
    TUNED,
    DEFAULTS_SUNX509,
    DEFAULTS_PKIX;

    /** The JMH param values, as the param is spelled on the command line. */
    public static final String TUNED_NAME = "tuned";
    public static final String DEFAULTS_SUNX509_NAME = "defaults-sunx509";
    public static final String DEFAULTS_PKIX_NAME = "defaults-pkix";

    /** {@code "tuned"}, {@code "defaults-sunx509"} or {@code "defaults-pkix"}. */
    public static ContextConfig of(String param) {
        return valueOf(param.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    /** True unless {@link #TUNED}: the engines' groups are left as the implementation has them. */
    public boolean defaults() {
        return this != TUNED;
    }

    /** The JDK key manager factory's algorithm for this configuration. */
    String jdkKeyManager() {
        return switch (this) {
            case TUNED -> Impl.JDK_KEY_MANAGER;
            case DEFAULTS_SUNX509 -> "SunX509";
            case DEFAULTS_PKIX -> "PKIX";
        };
    }
}
