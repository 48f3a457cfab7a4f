package io.jsalt.common.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.function.Function;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The Bouncy Castle side of {@link Pem}: every PEM layout OpenSSL writes, and EC public key
 * derivation. A class of its own so that {@link Pem}'s everyday JDK-only path never makes
 * the JVM load (or verify the signed jar of) Bouncy Castle.
 */
final class BcPem {
    private BcPem() {}

    static PublicKey publicKey(String pem) {
        SubjectPublicKeyInfo spki = readAs(pem, "public key", o -> o instanceof SubjectPublicKeyInfo s ? s
                : o instanceof X509CertificateHolder c ? c.getSubjectPublicKeyInfo() : null);
        return usable("public key", () -> KeyFactory.getInstance(new JcaPEMKeyConverter().getPublicKey(spki)
                .getAlgorithm()).generatePublic(new X509EncodedKeySpec(spki.getEncoded())));
    }

    static PrivateKey privateKey(String pem) {
        PrivateKeyInfo info = readAs(pem, "private key", o -> o instanceof PrivateKeyInfo p ? p
                : o instanceof PEMKeyPair kp ? kp.getPrivateKeyInfo() : null);
        return usable("private key", () -> KeyFactory.getInstance(new JcaPEMKeyConverter().getPrivateKey(info)
                .getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded())));
    }

    static X509Certificate certificate(String pem) {
        X509CertificateHolder holder = readAs(pem, "certificate",
                o -> o instanceof X509CertificateHolder h ? h : null);
        return usable("certificate", () -> (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(holder.getEncoded())));
    }

    /** The public half of an EC private key (multiplying the curve's generator); null for other keys. */
    static PublicKey deriveEc(PrivateKey key) throws IOException, GeneralSecurityException {
        AsymmetricKeyParameter p = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(key.getEncoded()));
        if (p instanceof ECPrivateKeyParameters ec) {
            BigInteger d = ec.getD();
            var q = new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), d).normalize();
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                    new ECPublicKeyParameters(q, ec.getParameters()));
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        }
        return null;
    }

    private static Object readObject(String pem, String what) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("empty text where a PEM " + what + " was expected");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (o == null) {
                throw new IllegalArgumentException("no PEM block found where a " + what + " was expected");
            }
            return o;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getCause() == null) {
                throw iae;
            }
            throw new IllegalArgumentException("malformed PEM " + what + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first PEM block read as the wanted kind: {@code as} gives the object of that kind, or
     * null when the block holds something else, which is then an error naming what it holds.
     */
    private static <T> T readAs(String pem, String what, Function<Object, T> as) {
        Object o = readObject(pem, what);
        T t = as.apply(o);
        if (t == null) {
            throw new IllegalArgumentException("expected a PEM " + what + ", found " + describe(o));
        }
        return t;
    }

    /** What the JCA makes of a block that parsed; its refusal is an unusable key or certificate. */
    private static <T> T usable(String what, JcaStep<T> step) {
        try {
            return step.make();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable " + what + ": " + e.getMessage(), e);
        }
    }

    private interface JcaStep<T> {
        T make() throws IOException, GeneralSecurityException;
    }

    private static String describe(Object o) {
        return o.getClass().getSimpleName();
    }
}
