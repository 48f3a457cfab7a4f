package io.jsalt.common.transport;

import io.jsalt.common.crypto.Fingerprints;
import io.jsalt.common.crypto.KeyFileException;
import io.jsalt.common.crypto.Pem;
import io.jsalt.common.crypto.PemFiles;
import io.jsalt.common.crypto.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a minion decides that the peer is its master. With {@code master_finger} set in the
 * minion config, the master's key must have that fingerprint. Without it, the first master
 * key seen is stored in {@code pki_dir/minion_master.pub} (Salt's file) and every later
 * connection must present the same key: a changed key is refused, loudly.
 */
public final class MasterKeyVerifier {
    /** Salt's name for the minion's copy of the master's public key. */
    public static final String MASTER_PUB = "minion_master.pub";

    private static final Logger LOG = LoggerFactory.getLogger(MasterKeyVerifier.class);

    private final Path storedKey;
    private final String masterFinger;

    private MasterKeyVerifier(Path pkiDir, String masterFinger) {
        this.storedKey = pkiDir.resolve(MASTER_PUB);
        this.masterFinger = masterFinger == null || masterFinger.isBlank() ? null : masterFinger.strip();
    }

    /**
     * @param pkiDir the minion's pki dir, where {@code minion_master.pub} lives
     * @param masterFinger the {@code master_finger} config value, or null/blank for trust on first use
     */
    public static MasterKeyVerifier of(Path pkiDir, String masterFinger) {
        return new MasterKeyVerifier(pkiDir, masterFinger);
    }

    /** The file holding the trusted master key. */
    public Path storedKeyFile() {
        return storedKey;
    }

    /** Checks the master's key; {@code where} (host:port, may be null) only makes messages clearer. */
    public synchronized void verify(PublicKey presented, String where) throws CertificateException {
        String presentedFinger = Fingerprints.of(presented);
        if (masterFinger != null) {
            if (!Fingerprints.matches(masterFinger, presentedFinger)) {
                throw new MasterFingerMismatchException(masterFinger, presentedFinger, where);
            }
            // The configured fingerprint is the authority; the file only mirrors it (key.finger_master).
            if (!storedKeyIs(presented)) {
                store(presented, presentedFinger, where);
            }
            return;
        }
        if (Files.exists(storedKey)) {
            PublicKey trusted;
            try {
                trusted = PemFiles.readPublicKey(storedKey);
            } catch (KeyFileException e) {
                throw new CertificateException("cannot check the master's key: " + e.getMessage()
                        + "; delete it to trust the master's current key", e);
            }
            if (!Pem.sameKey(trusted, presented)) {
                throw new MasterKeyChangedException(storedKey, Fingerprints.of(trusted), presentedFinger, where);
            }
            return;
        }
        store(presented, presentedFinger, where);
    }

    public void verify(PublicKey presented) throws CertificateException {
        verify(presented, null);
    }

    private boolean storedKeyIs(PublicKey key) {
        try {
            return Files.exists(storedKey) && Pem.sameKey(PemFiles.readPublicKey(storedKey), key);
        } catch (KeyFileException e) {
            return false;
        }
    }

    private void store(PublicKey key, String finger, String where) throws CertificateException {
        try {
            SecureFiles.ensureDirectory(storedKey.getParent(), SecureFiles.PRIVATE_DIR);
            SecureFiles.writeAtomically(storedKey, Pem.publicKey(key), SecureFiles.PUBLIC);
        } catch (IOException e) {
            throw new CertificateException("cannot store the master's key in " + storedKey + ": " + e, e);
        }
        LOG.info("Trusting the master{} with key fingerprint {}; stored in {}",
                where == null ? "" : " at " + where, finger, storedKey);
    }
}
