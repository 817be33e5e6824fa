package dev.xtls;

import javax.net.ssl.SSLContext;

/** Run in a child JVM by XtlsProviderTest: prints which provider serves SSLContext.getDefault(). */
public final class PrintDefaultContextProvider {
    private PrintDefaultContextProvider() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(SSLContext.getDefault().getProvider().getName());
    }
}
