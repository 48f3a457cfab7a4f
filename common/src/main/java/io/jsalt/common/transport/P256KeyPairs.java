package io.jsalt.common.transport;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * P-256 key pairs as JDK key objects. Any other curve or size is refused, and the JCA then
 * asks the next provider. A generator never initialised makes what the JDK's would (its
 * default curve is not P-256).
 */
final class P256KeyPairs extends KeyPairGeneratorSpi {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ECKeyPairGenerator generator;

    @Override
    public void initialize(int keysize, SecureRandom random) {
        if (keysize != 256) {
            throw new InvalidParameterException("only 256-bit (P-256) keys here, not " + keysize);
        }
        init(random);
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidAlgorithmParameterException {
        boolean p256 = params instanceof ECGenParameterSpec named ? P256.isP256Name(named.getName())
                : params instanceof ECParameterSpec spec && P256.isP256(spec);
        if (!p256) {
            throw new InvalidAlgorithmParameterException("only P-256 here, not " + params);
        }
        init(random);
    }

    private void init(SecureRandom random) {
        generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(P256.DOMAIN, random == null ? RANDOM : random));
    }

    @Override
    public KeyPair generateKeyPair() {
        try {
            if (generator == null) {
                return P256.jdkDefaultGenerator().generateKeyPair();
            }
            AsymmetricCipherKeyPair kp = generator.generateKeyPair();
            return new KeyPair(P256.jdkPublic(((ECPublicKeyParameters) kp.getPublic()).getQ()),
                    P256.jdkPrivate(((ECPrivateKeyParameters) kp.getPrivate()).getD()));
        } catch (GeneralSecurityException e) {
            throw new ProviderException("cannot make JDK keys of a P-256 key pair", e);
        }
    }
}
