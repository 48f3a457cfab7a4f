package io.jsalt.minion.api;

/** jsalt's own version, reported by {@code test.version} and the {@code jsalt_version} grain. */
public final class Version {
    /** Kept in step with the Maven project version by hand; one place to bump. */
    public static final String JSALT = "0.1.0";

    private Version() {}
}
