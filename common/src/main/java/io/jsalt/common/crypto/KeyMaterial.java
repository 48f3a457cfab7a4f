package io.jsalt.common.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon's identity: an EC P-256 key pair and a self-signed certificate, kept in the pki
 * dir as Salt keeps its keys: {@code <base>.pem} (private, 0600), {@code <base>.pub}
 * (public, 0644) and, for TLS, {@code <base>.crt}. The pki dir itself is 0700.
 */
public final class KeyMaterial {
    private static final Logger LOG = LoggerFactory.getLogger(KeyMaterial.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final X509Certificate certificate;
    private final String publicKeyPem;
    private final String fingerprint;

    private KeyMaterial(PrivateKey privateKey, PublicKey publicKey, X509Certificate certificate) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.certificate = certificate;
        this.publicKeyPem = Pem.publicKey(publicKey);
        this.fingerprint = Fingerprints.of(publicKeyPem);
    }

    /**
     * Loads {@code <baseName>.pem/.pub/.crt} from the pki dir, creating whatever is missing.
     * A missing private key means a new identity (as Salt's gen_keys); a missing public key
     * or certificate is rebuilt from the private key. A file that is unreadable, corrupt or
     * does not belong to the private key is an error naming that file.
     *
     * @param baseName "minion" or "master"
     * @param commonName the certificate's CN (the minion id or the master's name)
     */
    public static KeyMaterial loadOrCreate(Path pkiDir, String baseName, String commonName) throws IOException {
        SecureFiles.ensureDirectory(pkiDir, SecureFiles.PRIVATE_DIR);
        Path pemFile = pkiDir.resolve(baseName + ".pem");
        Path pubFile = pkiDir.resolve(baseName + ".pub");
        Path crtFile = pkiDir.resolve(baseName + ".crt");
        if (!Files.exists(pemFile)) {
            if (Files.exists(pubFile)) {
                LOG.warn("{} is missing: making a new key pair and replacing {}; the master will see a new key",
                        pemFile, pubFile);
            }
            return create(pemFile, pubFile, crtFile, commonName);
        }
        PrivateKey priv = PemFiles.readPrivateKey(pemFile);
        SecureFiles.setMode(pemFile, SecureFiles.PRIVATE);
        PublicKey pub;
        if (Files.exists(pubFile)) {
            pub = PemFiles.readPublicKey(pubFile);
            // A signature check, not a derivation: the everyday start needs no Bouncy Castle.
            Boolean pairs = Pem.pairs(priv, pub);
            if (pairs == null) {
                PublicKey derived = derive(priv, pemFile, pubFile);
                pairs = derived == null || Pem.sameKey(derived, pub);
            }
            if (!pairs) {
                throw new KeyFileException(pubFile, "does not hold the public half of " + pemFile
                        + "; delete it to have it rewritten from the private key");
            }
        } else if ((pub = derive(priv, pemFile, pubFile)) != null) {
            SecureFiles.writeAtomically(pubFile, Pem.publicKey(pub), SecureFiles.PUBLIC);
        } else {
            throw new KeyFileException(pubFile, "is missing and cannot be derived from " + pemFile);
        }
        X509Certificate cert = null;
        if (Files.exists(crtFile)) {
            cert = PemFiles.readCertificate(crtFile);
            if (!Pem.sameKey(cert.getPublicKey(), pub)) {
                throw new KeyFileException(crtFile, "is not a certificate for the key in " + pemFile
                        + "; delete it to have a new one made");
            }
            if (!currentlyValid(cert)) {
                LOG.info("{} is outside its validity period; making a new certificate for the same key", crtFile);
                cert = null;
            }
        }
        if (cert == null) {
            cert = SelfSignedCertificates.create(new KeyPair(pub, priv), commonName);
            SecureFiles.writeAtomically(crtFile, Pem.certificate(cert), SecureFiles.PUBLIC);
        }
        return new KeyMaterial(priv, pub, cert);
    }

    /** A fresh identity held only in memory (tests, tools). */
    public static KeyMaterial generate(String commonName) {
        KeyPair pair = newKeyPair();
        return new KeyMaterial(pair.getPrivate(), pair.getPublic(),
                SelfSignedCertificates.create(pair, commonName));
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The public key as Salt's {@code <base>.pub} PEM text. */
    public String publicKeyPem() {
        return publicKeyPem;
    }

    /** sha256 pem_finger of the public key, as {@code salt-key -f} and {@code key.finger} print. */
    public String fingerprint() {
        return fingerprint;
    }

    private static KeyMaterial create(Path pemFile, Path pubFile, Path crtFile, String commonName)
            throws IOException {
        KeyPair pair = newKeyPair();
        X509Certificate cert = SelfSignedCertificates.create(pair, commonName);
        // The private key goes last: a crash before it leaves no .pem, so the next start
        // starts over instead of pairing a new private key with a stale .pub.
        SecureFiles.writeAtomically(pubFile, Pem.publicKey(pair.getPublic()), SecureFiles.PUBLIC);
        SecureFiles.writeAtomically(crtFile, Pem.certificate(cert), SecureFiles.PUBLIC);
        SecureFiles.writeAtomically(pemFile, Pem.privateKey(pair.getPrivate()), SecureFiles.PRIVATE);
        LOG.info("Generated a new key pair in {} (fingerprint {})", pemFile.getParent(),
                Fingerprints.of(pair.getPublic()));
        return new KeyMaterial(pair.getPrivate(), pair.getPublic(), cert);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }

    private static PublicKey derive(PrivateKey priv, Path pemFile, Path pubFile) {
        try {
            return Pem.derivePublicKey(priv);
        } catch (IllegalArgumentException e) {
            LOG.debug("cannot derive the public key of {}: {}; trusting {}", pemFile, e.getMessage(), pubFile);
            return null;
        }
    }

    private static boolean currentlyValid(X509Certificate cert) {
        try {
            cert.checkValidity();
            return true;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return false;
        }
    }
}
