package io.jsalt.common.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.KeyMaterial;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastHandshakeCryptoTest {
    @TempDir
    Path pki;

    @BeforeAll
    static void install() {
        FastHandshakeCrypto.install();
        FastHandshakeCrypto.install();
        assertEquals(FastHandshakeCrypto.NAME, Security.getProviders()[0].getName(), "installed first, once");
        assertEquals(1, java.util.Arrays.stream(Security.getProviders())
                .filter(p -> p.getName().equals(FastHandshakeCrypto.NAME)).count());
    }

    private static KeyPair jdkPair(String alg, java.security.spec.AlgorithmParameterSpec spec) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(alg, "SunEC");
        g.initialize(spec);
        return g.generateKeyPair();
    }

    private static byte[] sign(Signature s, KeyPair kp, byte[] msg) throws Exception {
        s.initSign(kp.getPrivate());
        s.update(msg);
        return s.sign();
    }

    private static boolean verify(Signature s, KeyPair kp, byte[] msg, byte[] sig) throws Exception {
        s.initVerify(kp.getPublic());
        s.update(msg);
        return s.verify(sig);
    }

    @Test
    void ecdsaOnP256InteroperatesWithTheJdkBothWays() throws Exception {
        KeyPair kp = jdkPair("EC", new ECGenParameterSpec("secp256r1"));
        byte[] msg = "jsalt".getBytes();
        Signature fast = Signature.getInstance("SHA256withECDSA");
        Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");

        byte[] ours = sign(fast, kp, msg);
        assertEquals(FastHandshakeCrypto.NAME, fast.getProvider().getName());
        assertTrue(verify(jdk, kp, msg, ours), "a JDK verifier accepts our signature");
        byte[] theirs = sign(jdk, kp, msg);
        assertTrue(verify(fast, kp, msg, theirs), "we accept the JDK's signature");
        assertFalse(verify(fast, kp, "other".getBytes(), theirs), "and refuse it for another message");
        assertFalse(verify(fast, jdkPair("EC", new ECGenParameterSpec("secp256r1")), msg, theirs),
                "and for another key");
        // Many signatures with one key: the random nonce differs, every one verifies.
        for (int i = 0; i < 20; i++) {
            assertTrue(verify(jdk, kp, msg, sign(fast, kp, msg)));
        }
    }

    @Test
    void aMalformedSignatureIsAnErrorAsWithTheJdk() throws Exception {
        KeyPair kp = jdkPair("EC", new ECGenParameterSpec("secp256r1"));
        Signature fast = Signature.getInstance("SHA256withECDSA");
        fast.initVerify(kp.getPublic());
        fast.update(new byte[] {1});
        assertThrows(SignatureException.class, () -> fast.verify(new byte[] {0x30, 0x03, 0x02, 0x01}));
    }

    @Test
    void otherCurvesAreLeftToTheJdk() throws Exception {
        KeyPair p384 = jdkPair("EC", new ECGenParameterSpec("secp384r1"));
        Signature s = Signature.getInstance("SHA256withECDSA");
        byte[] sig = sign(s, p384, "x".getBytes());
        assertEquals("SunEC", s.getProvider().getName());
        assertTrue(verify(Signature.getInstance("SHA256withECDSA", "SunEC"), p384, "x".getBytes(), sig));

        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        assertEquals(384, ((ECPublicKey) g.generateKeyPair().getPublic()).getParams().getCurve().getField().getFieldSize());
        assertEquals("SunEC", g.getProvider().getName());

        KeyPairGenerator x448 = KeyPairGenerator.getInstance("XDH");
        x448.initialize(NamedParameterSpec.X448);
        KeyPair a = x448.generateKeyPair();
        assertEquals("SunEC", x448.getProvider().getName());
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(a.getPrivate());
        ka.doPhase(x448.generateKeyPair().getPublic(), true);
        assertEquals(56, ka.generateSecret().length);
        assertEquals("SunEC", ka.getProvider().getName());
    }

    @Test
    void p256KeyPairsAreTheJdksKeyObjects() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        assertEquals(FastHandshakeCrypto.NAME, g.getProvider().getName());
        assertTrue(kp.getPublic().getClass().getName().startsWith("sun.security.ec."), kp.getPublic().getClass().getName());
        byte[] msg = "key".getBytes();
        assertTrue(verify(Signature.getInstance("SHA256withECDSA", "SunEC"), kp, msg,
                sign(Signature.getInstance("SHA256withECDSA", "SunEC"), kp, msg)), "the JDK signs and verifies with it");
        assertFalse(java.util.Arrays.equals(kp.getPublic().getEncoded(), g.generateKeyPair().getPublic().getEncoded()));

        KeyPairGenerator sized = KeyPairGenerator.getInstance("EC");
        sized.initialize(256);
        assertEquals(256, ((ECPublicKey) sized.generateKeyPair().getPublic()).getParams().getCurve().getField().getFieldSize());

        // Never initialised: the JDK's default curve, as without this provider.
        int jdkDefault = ((ECPublicKey) KeyPairGenerator.getInstance("EC", "SunEC").generateKeyPair().getPublic())
                .getParams().getCurve().getField().getFieldSize();
        assertEquals(jdkDefault, ((ECPublicKey) KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic())
                .getParams().getCurve().getField().getFieldSize());
    }

    private static byte[] agree(String provider, KeyPair mine, java.security.PublicKey theirs) throws Exception {
        KeyAgreement ka = provider == null ? KeyAgreement.getInstance("XDH") : KeyAgreement.getInstance("XDH", provider);
        ka.init(mine.getPrivate());
        ka.doPhase(theirs, true);
        return ka.generateSecret();
    }

    @Test
    void x25519AgreesWithTheJdkBothWays() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
        g.initialize(NamedParameterSpec.X25519);
        KeyPair ours = g.generateKeyPair();
        assertEquals(FastHandshakeCrypto.NAME, g.getProvider().getName());
        assertTrue(ours.getPublic() instanceof XECPublicKey);
        KeyPair jdks = jdkPair("XDH", NamedParameterSpec.X25519);

        byte[] a = agree(null, ours, jdks.getPublic());
        byte[] b = agree("SunEC", jdks, ours.getPublic());
        assertEquals(32, a.length);
        assertArrayEquals(b, a, "both sides derive the same secret");
        assertArrayEquals(agree("SunEC", ours, jdks.getPublic()), a, "the JDK computes the same with our keys");

        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(ours.getPrivate());
        ka.doPhase(jdks.getPublic(), true);
        assertEquals(FastHandshakeCrypto.NAME, ka.getProvider().getName());
        SecretKey tls = ka.generateSecret("TlsPremasterSecret");
        assertArrayEquals(a, tls.getEncoded());

        // Uninitialised "XDH" is X25519, as the JDK's.
        assertEquals("X25519", ((NamedParameterSpec) ((XECPublicKey) KeyPairGenerator.getInstance("XDH")
                .generateKeyPair().getPublic()).getParams()).getName());
    }

    @Test
    void aSmallOrderPeerKeyIsRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
        KeyPair ours = g.generateKeyPair();
        var zero = KeyFactory.getInstance("XDH", "SunEC")
                .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, java.math.BigInteger.ZERO));
        KeyAgreement ka = KeyAgreement.getInstance("XDH");
        ka.init(ours.getPrivate());
        assertThrows(InvalidKeyException.class, () -> ka.doPhase(zero, true));
    }

    @Test
    void aTlsHandshakeBetweenJsaltPeersWorksWithTheProviderInstalled() throws Exception {
        KeyMaterial master = KeyMaterial.generate("salt");
        KeyMaterial minion = KeyMaterial.generate("web1");
        try (Loopback lb = new Loopback()) {
            Future<Channel> client = lb.connect(TlsContexts.server(master),
                    TlsContexts.client(minion, MasterKeyVerifier.of(pki, null)));
            assertTrue(client.await(10, TimeUnit.SECONDS) && client.isSuccess(), String.valueOf(client.cause()));
            assertEquals(minion.fingerprint(), PeerIdentity.fingerprint(lb.serverSession().get(10, TimeUnit.SECONDS)));
        }
    }
}
