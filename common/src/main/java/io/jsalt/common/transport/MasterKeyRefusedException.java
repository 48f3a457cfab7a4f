package io.jsalt.common.transport;

import java.security.cert.CertificateException;

/**
 * The minion refused the master's key: it is not the key the minion expected, either the
 * one pinned by {@code master_finger} or the one it trusted before. Both carry the expected
 * and the presented fingerprint, so a caller can show them side by side.
 */
public abstract sealed class MasterKeyRefusedException extends CertificateException
        permits MasterFingerMismatchException, MasterKeyChangedException {
    private final String expectedFingerprint;
    private final String presentedFingerprint;

    MasterKeyRefusedException(String message, String expectedFingerprint, String presentedFingerprint) {
        super(message);
        this.expectedFingerprint = expectedFingerprint;
        this.presentedFingerprint = presentedFingerprint;
    }

    /** The fingerprint the minion expected: master_finger, or the key it trusted before. */
    public String expectedFingerprint() {
        return expectedFingerprint;
    }

    /** The fingerprint of the key the master presented. */
    public String presentedFingerprint() {
        return presentedFingerprint;
    }
}
