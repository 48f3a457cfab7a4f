package io.jsalt.common.transport;

/** The master's key does not have the fingerprint set as {@code master_finger} in the minion config. */
public final class MasterFingerMismatchException extends MasterKeyRefusedException {
    MasterFingerMismatchException(String configured, String presented, String where) {
        super("The master's public key fingerprint " + presented
                + (where == null ? "" : " (master at " + where + ")")
                + " does not match master_finger " + configured + " in the minion config. "
                + "Refusing to connect: verify that master_finger is the fingerprint of the right master "
                + "(jsalt-key -F master on the master) and that this minion is not subject to a "
                + "man-in-the-middle attack.", configured, presented);
    }
}
