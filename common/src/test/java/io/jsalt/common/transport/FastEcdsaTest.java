package io.jsalt.common.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

class FastEcdsaTest {
    @Test
    void servesSha256WithEcdsaForJdkKeysAndInteroperatesWithTheJdk() throws Exception {
        FastEcdsa.install();
        FastEcdsa.install();
        assertEquals(FastEcdsa.NAME, Security.getProviders()[0].getName());
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", "SunEC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        byte[] msg = "jsalt".getBytes();

        Signature fast = Signature.getInstance("SHA256withECDSA");
        fast.initSign(kp.getPrivate());
        fast.update(msg);
        byte[] sig = fast.sign();
        assertEquals(FastEcdsa.NAME, fast.getProvider().getName());

        Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
        jdk.initVerify(kp.getPublic());
        jdk.update(msg);
        assertTrue(jdk.verify(sig), "a JDK verifier accepts our signature");

        jdk.initSign(kp.getPrivate());
        jdk.update(msg);
        byte[] jdkSig = jdk.sign();
        fast.initVerify(kp.getPublic());
        fast.update(msg);
        assertTrue(fast.verify(jdkSig), "we accept the JDK's signature");
        fast.initVerify(kp.getPublic());
        fast.update("other".getBytes());
        assertFalse(fast.verify(jdkSig), "and refuse it for another message");
    }
}
