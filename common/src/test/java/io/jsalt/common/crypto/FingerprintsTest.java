package io.jsalt.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintsTest {
    // The key and expected value of Salt's own pem_finger unit test.
    private static final List<String> SALT_PUB = List.of(
            "-----BEGIN PUBLIC KEY-----",
            "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAyc9ehbU4J2uzPZZCEw8K",
            "5URYcKSUh0h/c6m9PR2kRFbXkHcSnpkWX+LCuFKQ5iF2+0rVn9pO/94rL5zAQ6DU",
            "lucqk9EvamSk+TjHh3Ps/HdSxxVbkLk3nglVJrDgENxnAz+Kp+OSNfI2uhhzJiu1",
            "Dhn86Wb46eu7EFYeJ+7z9+29UXuCiMIUL5sRx3Xy37gpiD4Z+JVtoBNx1MKJ4MqB",
            "24ZXsvtEyrCmuLwhKCiQqvNx91CkyIL+sfMoHDSf7sLwl1CuCEgny7EV7bJpoNzN",
            "ZFKggcJCopfzLWDijF5A5OOvvvFrr/rYjW79LkGviWTzJrBPNgoD01zWIlzJfLdh",
            "ywIDAQAB",
            "-----END PUBLIC KEY-----");
    private static final String SALT_FINGER =
            "9b:42:66:92:8a:d1:b9:27:42:e0:6d:f3:12:c9:74:74:b0:e0:0e:42:83:87:62:ad:95:49:9d:6f:8e:d0:ed:35";

    @Test
    void matchesSaltsPemFingerForTheSameKey() {
        assertEquals(SALT_FINGER, Fingerprints.of(String.join("\n", SALT_PUB)));
    }

    @Test
    void crlfAndTrailingNewlineAndBlankLinesDoNotChangeTheFingerprint() {
        assertEquals(SALT_FINGER, Fingerprints.of(String.join("\r\n", SALT_PUB)));
        assertEquals(SALT_FINGER, Fingerprints.of(String.join("\n", SALT_PUB) + "\n\n"));
        assertEquals(SALT_FINGER, Fingerprints.of("\n" + String.join("\n\n", SALT_PUB)));
    }

    @Test
    void hashesOnlyTheBodyLinesWithTheirNewlines() {
        assertEquals(String.join("\n", SALT_PUB.subList(1, SALT_PUB.size() - 1)) + "\n",
                Fingerprints.body(String.join("\n", SALT_PUB)));
    }

    @Test
    void otherHashTypesAsSaltNamesThem() {
        String md5 = Fingerprints.of(String.join("\n", SALT_PUB), "md5");
        assertEquals(16 * 3 - 1, md5.length());
        var e = assertThrows(IllegalArgumentException.class,
                () -> Fingerprints.of(String.join("\n", SALT_PUB), "whirlpool"));
        assertTrue(e.getMessage().contains("whirlpool"), e.getMessage());
    }

    @Test
    void publicKeyObjectHasTheFingerprintOfItsPem() {
        KeyMaterial km = KeyMaterial.generate("web1");
        assertEquals(Fingerprints.of(km.publicKeyPem()), Fingerprints.of(km.publicKey()));
        assertEquals(km.fingerprint(), Fingerprints.of(km.publicKey()));
    }

    @Test
    void textWithoutBeginAndEndLinesIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Fingerprints.of("MIIBIjANBgkq"));
    }

    @Test
    void fingerprintComparisonIgnoresCaseAndBlanks() {
        assertTrue(Fingerprints.matches(" AB:CD \n", "ab:cd"));
    }
}
