package io.jsalt.common.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TlsContextsTest {
    private static final String KEY = "javax.net.ssl.trustStore";

    @Test
    void theEmptyTrustStoreIsOnlyForNettysInitialisation() {
        String before = System.getProperty(KEY);
        try {
            System.clearProperty(KEY);
            TlsContexts.initialiseNettyWithoutCaBundle();
            assertNull(System.getProperty(KEY), "later default SSL contexts must get the JDK's CA bundle");
        } finally {
            restore(before);
        }
    }

    @Test
    void anOperatorsTrustStoreIsLeftAlone() {
        String before = System.getProperty(KEY);
        try {
            System.setProperty(KEY, "/etc/ssl/operator.p12");
            TlsContexts.initialiseNettyWithoutCaBundle();
            assertEquals("/etc/ssl/operator.p12", System.getProperty(KEY));
        } finally {
            restore(before);
        }
    }

    private static void restore(String value) {
        if (value == null) {
            System.clearProperty(KEY);
        } else {
            System.setProperty(KEY, value);
        }
    }
}
