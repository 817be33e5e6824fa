package dev.xtls.it.openssl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenSslSuitesIT {

    @Test
    void everyMappedSuiteMatchesOpenSslsOwnStandardNames() {
        OpenSsl.Output o = OpenSsl.run(List.of("ciphers", "-stdname", "-s", "ALL:@SECLEVEL=0"),
                OpenSsl.DEFAULT_TIMEOUT);
        assertEquals(0, o.exitCode(), o.stderr());
        // Lines look like: "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 - ECDHE-ECDSA-AES256-GCM-SHA384 TLSv1.2 ..."
        Map<String, String> openssl = new HashMap<>();
        for (String line : o.stdout().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[1].equals("-")) {
                openssl.put(f[0], f[2]);
            }
        }
        assertTrue(openssl.size() > 20, o.stdout());
        OpenSslSuites.all().forEach((iana, name) -> {
            assertEquals(name, openssl.get(iana), iana + " in `openssl ciphers -stdname`");
            assertEquals(iana, OpenSslSuites.toIana(name).orElseThrow());
        });
    }
}
