package io.jsalt.common.transport;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * X25519 key pairs as JDK key objects (for "XDH", whose default is X25519 as in the JDK, and
 * "X25519"); X448 is refused and left to the next provider.
 */
final class X25519KeyPairs extends KeyPairGeneratorSpi {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecureRandom random = RANDOM;

    @Override
    public void initialize(int keysize, SecureRandom random) {
        if (keysize != 255) {
            throw new InvalidParameterException("only X25519 (255 bits) here, not " + keysize);
        }
        this.random = random == null ? RANDOM : random;
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidAlgorithmParameterException {
        if (!(params instanceof NamedParameterSpec named) || !isX25519(named)) {
            throw new InvalidAlgorithmParameterException("only X25519 here, not " + params);
        }
        this.random = random == null ? RANDOM : random;
    }

    static boolean isX25519(AlgorithmParameterSpec params) {
        return params instanceof NamedParameterSpec named && "X25519".equalsIgnoreCase(named.getName());
    }

    @Override
    public KeyPair generateKeyPair() {
        byte[] k = new byte[X25519.SCALAR_SIZE];
        byte[] u = new byte[X25519.POINT_SIZE];
        X25519.generatePrivateKey(random, k);
        X25519.generatePublicKey(k, 0, u, 0);
        try {
            KeyFactory kf = KeyFactory.getInstance("XDH", "SunEC");
            return new KeyPair(kf.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, decodeU(u))),
                    kf.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, k)));
        } catch (GeneralSecurityException e) {
            throw new ProviderException("cannot make JDK keys of an X25519 key pair", e);
        }
    }

    /** RFC 7748: the u-coordinate is 32 bytes little-endian. */
    static BigInteger decodeU(byte[] u) {
        byte[] be = new byte[u.length];
        for (int i = 0; i < u.length; i++) {
            be[i] = u[u.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    /** The key's u-coordinate as 32 bytes little-endian (taken mod 2^256; X25519 ignores the top bit). */
    static byte[] encodeU(XECPublicKey key) throws InvalidKeyException {
        BigInteger u = key.getU();
        if (u.signum() < 0 || u.bitLength() > 8 * X25519.POINT_SIZE) {
            throw new InvalidKeyException("the X25519 public key's u-coordinate is out of range");
        }
        byte[] be = u.toByteArray();
        byte[] le = new byte[X25519.POINT_SIZE];
        for (int i = 0; i < le.length && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    static byte[] scalar(XECPrivateKey key) throws InvalidKeyException {
        if (!isX25519(key.getParams())) {
            throw new InvalidKeyException("not an X25519 private key");
        }
        byte[] k = key.getScalar().orElseThrow(() -> new InvalidKeyException("the X25519 private key hides its scalar"));
        if (k.length != X25519.SCALAR_SIZE) {
            throw new InvalidKeyException("an X25519 scalar has 32 bytes, not " + k.length);
        }
        return k;
    }
}
