package io.jsalt.common.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
 * PEM text for keys and certificates. Written PEM is always the same shape (64-column
 * base64, '\n' line ends, trailing newline) so that fingerprints of a key are stable.
 * Parsed keys come back as JDK key objects, which the JDK's TLS stack handles natively.
 */
public final class Pem {
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {}

    /** SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----"), the form Salt stores. */
    public static String publicKey(PublicKey key) {
        return encode("PUBLIC KEY", key.getEncoded());
    }

    /** PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). */
    public static String privateKey(PrivateKey key) {
        return encode("PRIVATE KEY", key.getEncoded());
    }

    public static String certificate(X509Certificate cert) {
        try {
            return encode("CERTIFICATE", cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** Reads a "PUBLIC KEY" or "RSA PUBLIC KEY" PEM block; a certificate yields its key. */
    public static PublicKey parsePublicKey(String pem) {
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

    /** Reads a PKCS#8 "PRIVATE KEY" or a traditional "EC/RSA PRIVATE KEY" PEM block. */
    public static PrivateKey parsePrivateKey(String pem) {
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

    public static X509Certificate parseCertificate(String pem) {
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

    /** Keys are the same when their standard encodings are, whatever object or PEM layout. */
    public static boolean sameKey(PublicKey a, PublicKey b) {
        return a != null && b != null && MessageDigest.isEqual(a.getEncoded(), b.getEncoded());
    }

    /** Compares two PEM public keys by key, not by text (line width and blank lines do not matter). */
    public static boolean samePublicKey(String pemA, String pemB) {
        return sameKey(parsePublicKey(pemA), parsePublicKey(pemB));
    }

    /**
     * The public half of a private key, for when the .pub file is gone: EC by multiplying the
     * curve's generator, RSA from the CRT parameters. Other algorithms cannot be derived.
     */
    public static PublicKey derivePublicKey(PrivateKey key) {
        try {
            if (key instanceof RSAPrivateCrtKey rsa) {
                return KeyFactory.getInstance("RSA")
                        .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            }
            AsymmetricKeyParameter p = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(key.getEncoded()));
            if (p instanceof ECPrivateKeyParameters ec) {
                BigInteger d = ec.getD();
                var q = new FixedPointCombMultiplier().multiply(ec.getParameters().getG(), d).normalize();
                SubjectPublicKeyInfo spki = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                        new ECPublicKeyParameters(q, ec.getParameters()));
                return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the public key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("cannot derive the public key of a " + key.getAlgorithm() + " key");
    }

    private static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
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
