package io.jsalt.common.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
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
        Object o = readObject(pem, "public key");
        try {
            SubjectPublicKeyInfo spki;
            if (o instanceof SubjectPublicKeyInfo s) {
                spki = s;
            } else if (o instanceof X509CertificateHolder c) {
                spki = c.getSubjectPublicKeyInfo();
            } else {
                throw new IllegalArgumentException("expected a PEM public key, found " + describe(o));
            }
            String alg = new JcaPEMKeyConverter().getPublicKey(spki).getAlgorithm();
            return KeyFactory.getInstance(alg).generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable public key: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(String pem) {
        Object o = readObject(pem, "private key");
        try {
            PrivateKeyInfo info;
            if (o instanceof PrivateKeyInfo p) {
                info = p;
            } else if (o instanceof PEMKeyPair kp) {
                info = kp.getPrivateKeyInfo();
            } else {
                throw new IllegalArgumentException("expected a PEM private key, found " + describe(o));
            }
            String alg = new JcaPEMKeyConverter().getPrivateKey(info).getAlgorithm();
            return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("unusable private key: " + e.getMessage(), e);
        }
    }

    static X509Certificate certificate(String pem) {
        Object o = readObject(pem, "certificate");
        if (!(o instanceof X509CertificateHolder holder)) {
            throw new IllegalArgumentException("expected a PEM certificate, found " + describe(o));
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("unusable certificate: " + e.getMessage(), e);
        }
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

    private static String describe(Object o) {
        return o.getClass().getSimpleName();
    }
}
