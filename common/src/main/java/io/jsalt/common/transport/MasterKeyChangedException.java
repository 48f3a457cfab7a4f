package io.jsalt.common.transport;

import java.nio.file.Path;

/** The master presented a key other than the one this minion trusted before. */
public final class MasterKeyChangedException extends MasterKeyRefusedException {
    MasterKeyChangedException(Path storedKey, String trustedFingerprint, String presentedFingerprint, String where) {
        super("The master's public key has changed"
                + (where == null ? "" : " (master at " + where + ")") + ": "
                + "this minion trusts the key with fingerprint " + trustedFingerprint
                + " stored in " + storedKey + ", but the master presented a key with fingerprint "
                + presentedFingerprint + ". Refusing to connect: this could be a man-in-the-middle attack. "
                + "If the master's key was changed on purpose, delete " + storedKey
                + " on this minion (or set master_finger to the new fingerprint) and restart the minion.",
                trustedFingerprint, presentedFingerprint);
    }
}
