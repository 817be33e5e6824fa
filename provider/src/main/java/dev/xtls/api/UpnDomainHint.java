package dev.xtls.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user mapping hint (RFC 4681 §6): a user principal name "user@domain" and/or a domain name, each "" when
 * absent, at least one given. The server receives it unauthenticated (RFC 4681 §5): it may locate an account
 * with it, but only the client certificate authenticates the user.
 */
public record UpnDomainHint(String userPrincipalName, String domainName) {
    /** One or more LDH labels separated by dots, each starting and ending alphanumeric (RFC 4681 §6). */
    private static final Pattern DOMAIN = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");

    public UpnDomainHint {
        Objects.requireNonNull(userPrincipalName, "userPrincipalName");
        Objects.requireNonNull(domainName, "domainName");
        if (userPrincipalName.isEmpty() && domainName.isEmpty()) {
            throw new IllegalArgumentException("an UpnDomainHint needs a user principal name or a domain name"
                    + " (RFC 4681 §6)");
        }
        if (!userPrincipalName.isEmpty()) {
            int at = userPrincipalName.indexOf('@');
            if (at <= 0 || at != userPrincipalName.lastIndexOf('@')
                    || !isDomainName(userPrincipalName.substring(at + 1))) {
                throw new IllegalArgumentException("user principal name \"" + userPrincipalName + "\" is not of the"
                        + " form user@domain (RFC 4681 §6)");
            }
        }
        if (!domainName.isEmpty() && !isDomainName(domainName)) {
            throw new IllegalArgumentException("domain name \"" + domainName + "\" is not an ASCII domain name"
                    + " (RFC 4681 §6; convert an IDN with java.net.IDN.toASCII)");
        }
    }

    private static boolean isDomainName(String s) {
        return DOMAIN.matcher(s).matches();
    }
}
