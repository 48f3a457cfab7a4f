package io.jsalt.common.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.function.Function;

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
        PublicKey k = jdk(pem, "PUBLIC KEY", der -> jdkKey(der, false));
        if (k != null) {
            return k;
        }
        X509Certificate c = jdk(pem, "CERTIFICATE", Pem::jdkCertificate);
        return c != null ? c.getPublicKey() : BcPem.publicKey(pem);
    }

    /** Reads a PKCS#8 "PRIVATE KEY" or a traditional "EC/RSA PRIVATE KEY" PEM block. */
    public static PrivateKey parsePrivateKey(String pem) {
        PrivateKey k = jdk(pem, "PRIVATE KEY", der -> jdkKey(der, true));
        return k != null ? k : BcPem.privateKey(pem);
    }

    public static X509Certificate parseCertificate(String pem) {
        X509Certificate c = jdk(pem, "CERTIFICATE", Pem::jdkCertificate);
        return c != null ? c : BcPem.certificate(pem);
    }

    /**
     * The JDK's reading of the PEM block of that type: the fast path. Null when there is no
     * such block or the JDK cannot decode it, and Bouncy Castle is asked instead.
     */
    private static <T> T jdk(String pem, String type, Function<byte[], T> decode) {
        byte[] der = jdkBlock(pem, type);
        return der == null ? null : decode.apply(der);
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
            PublicKey ec = BcPem.deriveEc(key);
            if (ec != null) {
                return ec;
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot derive the public key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("cannot derive the public key of a " + key.getAlgorithm() + " key");
    }

    /**
     * Whether the two keys are halves of one pair: a signature made with the private key
     * verifies with the public one. Null when the algorithm is not one jsalt signs with.
     */
    public static Boolean pairs(PrivateKey priv, PublicKey pub) {
        String alg = switch (priv.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> null;
        };
        if (alg == null || !priv.getAlgorithm().equals(pub.getAlgorithm())) {
            return alg == null ? null : Boolean.FALSE;
        }
        try {
            byte[] probe = "jsalt key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(priv);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return Boolean.FALSE;
        }
    }

    /*
     * The forms jsalt itself writes (PKCS#8, SubjectPublicKeyInfo, X.509) are read with the
     * JDK alone; Bouncy Castle's parser is the fallback for everything else (traditional
     * "EC PRIVATE KEY", "RSA PUBLIC KEY", odd layouts) and for error messages. Keeping the
     * everyday path off Bouncy Castle keeps its classes (and its signed jar's manifest) out
     * of every daemon that merely loads its keys.
     */
    private static byte[] jdkBlock(String pem, String type) {
        if (pem == null) {
            return null;
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = pem.indexOf(begin);
        int e = pem.indexOf(end);
        if (b < 0 || e < b || pem.indexOf("-----BEGIN ", b + 1) >= 0 && pem.indexOf("-----BEGIN ", b + 1) < e) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(b + begin.length(), e).trim());
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static <K> K jdkKey(byte[] der, boolean priv) {
        for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                KeyFactory kf = KeyFactory.getInstance(alg);
                @SuppressWarnings("unchecked")
                K k = (K) (priv ? kf.generatePrivate(new PKCS8EncodedKeySpec(der))
                        : kf.generatePublic(new X509EncodedKeySpec(der)));
                return k;
            } catch (GeneralSecurityException | RuntimeException e) {
                // Not this algorithm: try the next, then Bouncy Castle.
            }
        }
        return null;
    }

    private static X509Certificate jdkCertificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    private static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + MIME.encodeToString(der) + "\n-----END " + type + "-----\n";
    }

}
