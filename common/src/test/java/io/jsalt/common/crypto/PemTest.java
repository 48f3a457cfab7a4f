package io.jsalt.common.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import org.junit.jupiter.api.Test;

class PemTest {
    private final KeyMaterial km = KeyMaterial.generate("web1");

    @Test
    void publicKeyPemRoundTripsToTheSameKey() {
        String pem = Pem.publicKey(km.publicKey());
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"));
        assertTrue(pem.endsWith("\n-----END PUBLIC KEY-----\n"));
        assertTrue(Pem.sameKey(km.publicKey(), Pem.parsePublicKey(pem)));
    }

    @Test
    void privateKeyIsPkcs8AndRoundTrips() {
        String pem = Pem.privateKey(km.privateKey());
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertEquals(km.privateKey(), Pem.parsePrivateKey(pem));
    }

    @Test
    void certificateRoundTrips() {
        assertEquals(km.certificate(), Pem.parseCertificate(Pem.certificate(km.certificate())));
    }

    @Test
    void keysCompareByKeyNotByText() throws Exception {
        String pem = km.publicKeyPem();
        String reflowed = pem.replace("\n", "\r\n") + "\n\n";
        assertTrue(Pem.samePublicKey(pem, reflowed));
        assertFalse(Pem.samePublicKey(pem, KeyMaterial.generate("web1").publicKeyPem()));
    }

    @Test
    void rsaKeysAsSaltMinionsHaveAreReadToo() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        var pair = g.generateKeyPair();
        PublicKey back = Pem.parsePublicKey(Pem.publicKey(pair.getPublic()));
        assertEquals("RSA", back.getAlgorithm());
        assertTrue(Pem.sameKey(pair.getPublic(), Pem.derivePublicKey(pair.getPrivate())));
    }

    @Test
    void derivesTheEcPublicKeyFromThePrivateKey() {
        assertTrue(Pem.sameKey(km.publicKey(), Pem.derivePublicKey(km.privateKey())));
    }

    @Test
    void garbageIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Pem.parsePublicKey("hello"));
        assertTrue(e.getMessage().contains("public key"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> Pem.parsePublicKey(Pem.privateKey(km.privateKey())));
        assertTrue(e2.getMessage().contains("expected a PEM public key"), e2.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Pem.parsePublicKey("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
    }
}
