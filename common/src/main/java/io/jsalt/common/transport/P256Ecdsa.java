package io.jsalt.common.transport;

import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/** SHA256withECDSA for P-256 keys, DER-encoded signatures (as the JDK's); other keys are refused. */
final class P256Ecdsa extends SignatureSpi {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SHA256Digest digest = new SHA256Digest();
    private final ECDSASigner signer = new ECDSASigner();

    @Override
    protected void engineInitVerify(PublicKey key) throws InvalidKeyException {
        if (!(key instanceof ECPublicKey ec) || !P256.isP256(ec.getParams())) {
            throw new InvalidKeyException("not a P-256 public key");
        }
        try {
            signer.init(false, new ECPublicKeyParameters(P256.point(ec), P256.DOMAIN));
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException("the public key is not a point of P-256: " + e.getMessage(), e);
        }
        digest.reset();
    }

    @Override
    protected void engineInitSign(PrivateKey key) throws InvalidKeyException {
        engineInitSign(key, null);
    }

    @Override
    protected void engineInitSign(PrivateKey key, SecureRandom random) throws InvalidKeyException {
        if (!(key instanceof ECPrivateKey ec) || !P256.isP256(ec.getParams())) {
            throw new InvalidKeyException("not a P-256 private key");
        }
        signer.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(P256.scalar(ec), P256.DOMAIN),
                random == null ? RANDOM : random));
        digest.reset();
    }

    @Override
    protected void engineUpdate(byte b) {
        digest.update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) {
        digest.update(b, off, len);
    }

    private byte[] hash() {
        byte[] h = new byte[digest.getDigestSize()];
        digest.doFinal(h, 0);
        return h;
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        try {
            BigInteger[] rs = signer.generateSignature(hash());
            return StandardDSAEncoding.INSTANCE.encode(P256.DOMAIN.getN(), rs[0], rs[1]);
        } catch (IOException | IllegalStateException e) {
            throw new SignatureException("cannot sign: " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean engineVerify(byte[] sig) throws SignatureException {
        byte[] h = hash();
        BigInteger[] rs;
        try {
            rs = StandardDSAEncoding.INSTANCE.decode(P256.DOMAIN.getN(), sig);
        } catch (IOException | IllegalArgumentException e) {
            throw new SignatureException("invalid encoding for an ECDSA signature", e);
        }
        return signer.verifySignature(h, rs[0], rs[1]);
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException("SHA256withECDSA takes no parameters");
        }
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("no parameter " + param);
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("no parameter " + param);
    }
}
