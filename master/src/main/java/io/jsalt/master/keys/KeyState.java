package io.jsalt.master.keys;

/** The four key states, each a directory under the master's pki dir, named as Salt names them. */
public enum KeyState {
    ACCEPTED("minions"),
    PENDING("minions_pre"),
    REJECTED("minions_rejected"),
    /** An id that is already accepted (or pending) presented another key. */
    DENIED("minions_denied");

    private final String dirName;

    KeyState(String dirName) {
        this.dirName = dirName;
    }

    /** The directory name, which is also the key in Salt's {@code salt-key --out json} output. */
    public String dirName() {
        return dirName;
    }
}
