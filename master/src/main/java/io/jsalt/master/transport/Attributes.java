package io.jsalt.master.transport;

import io.netty.util.AttributeKey;

/** Channel attributes the master's handlers share. */
final class Attributes {
    /** The authenticated minion id; set only after the key check passed. */
    static final AttributeKey<String> MINION_ID = AttributeKey.valueOf("jsalt.minionId");

    private Attributes() {}
}
