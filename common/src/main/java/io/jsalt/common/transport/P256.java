package io.jsalt.common.transport;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The curve P-256 as both libraries see it. Bouncy Castle keeps its precomputed multiples of
 * the generator on the generator object itself, so every operation here uses the one
 * {@link #DOMAIN}: converting a JDK key with Bouncy Castle's own JCA classes makes a new
 * generator per key and recomputes the tables each time (two thirds of a signature's cost).
 */
final class P256 {
    static final ECDomainParameters DOMAIN = new ECDomainParameters(CustomNamedCurves.getByName("secp256r1"));
    /** The JDK's parameters, for the keys this provider makes. */
    static final ECParameterSpec JDK;
    /** The JDK's own EC provider, which makes the key objects. */
    private static final Provider SUN_EC;
    private static final Set<String> NAMES = Set.of("secp256r1", "prime256v1", "nist p-256", "p-256",
            "1.2.840.10045.3.1.7");

    static {
        try {
            SUN_EC = Security.getProvider("SunEC");
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC", SUN_EC);
            p.init(new ECGenParameterSpec("secp256r1"));
            JDK = p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException | NullPointerException e) {
            throw new IllegalStateException("this JVM has no SunEC provider with P-256", e);
        }
    }

    private static final int KEPT_POINTS = 32;
    private static final Map<java.security.spec.ECPoint, ECPoint> POINTS = new ConcurrentHashMap<>();

    private P256() {}

    static boolean isP256(ECParameterSpec p) {
        return p != null && (p == JDK || p.getCofactor() == JDK.getCofactor() && p.getOrder().equals(JDK.getOrder())
                && p.getCurve().equals(JDK.getCurve()) && p.getGenerator().equals(JDK.getGenerator()));
    }

    static boolean isP256Name(String name) {
        return name != null && NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    /**
     * The key's point on {@link #DOMAIN}'s curve; throws if it is not on the curve. The points
     * of the last few keys are kept: Bouncy Castle keeps its multiples of a point on the point
     * object (and widens them after a few uses), so a key checked again and again (the
     * master's key, by every connection of a swarm) verifies in half the time.
     */
    static ECPoint point(ECPublicKey key) {
        java.security.spec.ECPoint w = key.getW();
        ECPoint known = POINTS.get(w);
        if (known != null) {
            return known;
        }
        ECPoint p = DOMAIN.getCurve().validatePoint(w.getAffineX(), w.getAffineY());
        if (POINTS.size() >= KEPT_POINTS) {
            POINTS.clear();
        }
        POINTS.put(w, p);
        return p;
    }

    static BigInteger scalar(ECPrivateKey key) throws InvalidKeyException {
        BigInteger d = key.getS();
        if (d == null || d.signum() <= 0 || d.compareTo(DOMAIN.getN()) >= 0) {
            throw new InvalidKeyException("the private value is not in [1, n-1]");
        }
        return d;
    }

    static ECPublicKey jdkPublic(ECPoint q) throws GeneralSecurityException {
        ECPoint n = q.normalize();
        return (ECPublicKey) KeyFactory.getInstance("EC", SUN_EC).generatePublic(new ECPublicKeySpec(
                new java.security.spec.ECPoint(n.getAffineXCoord().toBigInteger(), n.getAffineYCoord().toBigInteger()),
                JDK));
    }

    /** The JDK's own EC key pair generator, uninitialised (its default curve). */
    static KeyPairGenerator jdkDefaultGenerator() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("EC", SUN_EC);
    }

    static ECPrivateKey jdkPrivate(BigInteger d) throws GeneralSecurityException {
        return (ECPrivateKey) KeyFactory.getInstance("EC", SUN_EC).generatePrivate(new ECPrivateKeySpec(d, JDK));
    }
}
