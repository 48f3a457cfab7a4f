package io.jsalt.common.transport;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * X25519 key agreement on JDK key objects. As the JDK's, it refuses a peer key of small order
 * (an all-zero shared secret) and gives the secret once per doPhase.
 */
final class X25519Agreement extends KeyAgreementSpi {
    private byte[] scalar;
    private byte[] secret;

    @Override
    protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
        if (!(key instanceof XECPrivateKey xec)) {
            throw new InvalidKeyException("not an XDH private key");
        }
        scalar = X25519KeyPairs.scalar(xec);
        secret = null;
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params != null && !X25519KeyPairs.isX25519(params)) {
            throw new InvalidAlgorithmParameterException("only X25519 here, not " + params);
        }
        engineInit(key, random);
    }

    @Override
    protected Key engineDoPhase(Key key, boolean lastPhase) throws InvalidKeyException {
        if (scalar == null) {
            throw new IllegalStateException("not initialised");
        }
        if (!lastPhase) {
            throw new IllegalStateException("X25519 has one phase");
        }
        if (!(key instanceof XECPublicKey xec) || !X25519KeyPairs.isX25519(xec.getParams())) {
            throw new InvalidKeyException("not an X25519 public key");
        }
        byte[] out = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(scalar, 0, X25519KeyPairs.encodeU(xec), 0, out, 0)) {
            throw new InvalidKeyException("the peer's X25519 key has small order");
        }
        secret = out;
        return null;
    }

    private byte[] take() {
        if (secret == null) {
            throw new IllegalStateException("no secret: doPhase first");
        }
        byte[] s = secret;
        secret = null;
        return s;
    }

    @Override
    protected byte[] engineGenerateSecret() {
        return take();
    }

    @Override
    protected int engineGenerateSecret(byte[] sharedSecret, int offset) throws ShortBufferException {
        if (secret != null && sharedSecret.length - offset < secret.length) {
            throw new ShortBufferException("the secret needs " + secret.length + " bytes");
        }
        byte[] s = take();
        System.arraycopy(s, 0, sharedSecret, offset, s.length);
        Arrays.fill(s, (byte) 0);
        return s.length;
    }

    @Override
    protected SecretKey engineGenerateSecret(String algorithm) throws NoSuchAlgorithmException {
        if (!"TlsPremasterSecret".equals(algorithm)) {
            throw new NoSuchAlgorithmException("a secret key only for TlsPremasterSecret, as the JDK's XDH");
        }
        byte[] s = take();
        try {
            return new SecretKeySpec(s, algorithm);
        } finally {
            Arrays.fill(s, (byte) 0);
        }
    }
}
