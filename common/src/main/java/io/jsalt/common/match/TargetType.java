package io.jsalt.common.match;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Salt's target types: the {@code tgt_type} of a job (CLI flags -E, -L, -G, ...) and the
 * {@code - match:} of a top file entry. Top files default to {@link #COMPOUND}, the CLI to
 * {@link #GLOB}.
 */
public enum TargetType {
    GLOB("glob"),
    PCRE("pcre"),
    LIST("list"),
    GRAIN("grain"),
    GRAIN_PCRE("grain_pcre"),
    PILLAR("pillar"),
    PILLAR_PCRE("pillar_pcre"),
    PILLAR_EXACT("pillar_exact"),
    IPCIDR("ipcidr"),
    COMPOUND("compound"),
    NODEGROUP("nodegroup");

    /** What a top file entry without {@code - match:} uses (Salt's confirm_top). */
    public static final TargetType TOP_FILE_DEFAULT = COMPOUND;

    private final String saltName;

    TargetType(String saltName) {
        this.saltName = saltName;
    }

    /** The name Salt uses: "glob", "grain_pcre", ... */
    public String saltName() {
        return saltName;
    }

    /** Whether this type matches against grains or pillar with a key delimiter. */
    public boolean usesDelimiter() {
        return switch (this) {
            case GRAIN, GRAIN_PCRE, PILLAR, PILLAR_PCRE, PILLAR_EXACT -> true;
            default -> false;
        };
    }

    /**
     * The type named by Salt's {@code tgt_type} / {@code - match:} value. Salt looks these
     * names up verbatim, so this does too (no case folding).
     */
    public static TargetType fromSalt(String name) {
        if (name != null) {
            for (TargetType t : values()) {
                if (t.saltName.equals(name)) {
                    return t;
                }
            }
        }
        throw new TargetException("Unknown target type '" + name + "'; expected one of "
                + Arrays.stream(values()).map(TargetType::saltName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return saltName;
    }
}
