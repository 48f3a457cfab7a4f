package io.jsalt.common;

/** jsalt's version, reported in grains and the Hello message. */
public final class Version {
    public static final String VERSION = "0.1.0";

    private Version() {}
}
