package io.jsalt.common.config;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.text.Printable;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One option a daemon reads: its Salt name, what kind of value it takes, its default (null:
 * unset, nothing is put in the options map) and the limits on it. {@link #problem} says what
 * is wrong with a configured value, in the words the start-up error prints after the file
 * and the option name.
 */
public record Option(String name, Kind kind, Object dflt, long min, long max, List<String> choices) {
    /** The value kinds of Salt's VALID_OPTS that jsalt checks. */
    public enum Kind {
        STRING,
        /** A path; the ones Salt prefixes with root_dir are listed in {@link Config}. */
        PATH,
        INT,
        BOOL,
        MAP,
        LIST,
        /** A string or a list of strings (Salt's {@code (str, list)}). */
        STRING_OR_LIST,
        /** saltenv names to directories ({@code file_roots}, {@code pillar_roots}). */
        ROOTS
    }

    public static Option of(String name, Kind kind, Object dflt) {
        return new Option(name, kind, dflt, Long.MIN_VALUE, Long.MAX_VALUE, List.of());
    }

    /** An integer option from {@code min} to {@code max}. */
    public static Option integer(String name, Long dflt, long min, long max) {
        return new Option(name, Kind.INT, dflt, min, max, List.of());
    }

    /** A string option that takes one of {@code choices}. */
    public static Option choice(String name, String dflt, String... choices) {
        return new Option(name, Kind.STRING, dflt, Long.MIN_VALUE, Long.MAX_VALUE, List.of(choices));
    }

    /**
     * What is wrong with {@code v} for this option, or null when it is good. A null value (an
     * option written with nothing after the colon) is "unset" for options without a default
     * and wrong for the others, as Salt's type check refuses None there.
     */
    public String problem(Object v) {
        if (v == null) {
            // An empty file_roots or pillar_roots serves nothing, as before this table existed.
            return dflt == null || kind == Kind.ROOTS ? null : "must be " + expected() + ", got None";
        }
        boolean typeOk = switch (kind) {
            // Salt's check is str(value): a number or a boolean is its text (id: 1234 is the id "1234").
            case STRING, PATH -> !(v instanceof Map || v instanceof List);
            case INT -> v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof BigInteger;
            case BOOL -> v instanceof Boolean;
            case MAP, ROOTS -> v instanceof Map;
            case LIST -> v instanceof List;
            case STRING_OR_LIST -> v instanceof String || v instanceof List;
        };
        if (!typeOk) {
            if (kind == Kind.ROOTS) {
                return "must map saltenv names to lists of directories";
            }
            return "must be " + expected() + ", got " + Yaml.typeName(v) + " '" + Printable.line(String.valueOf(v)) + "'";
        }
        if (kind == Kind.INT) {
            BigInteger n = v instanceof BigInteger b ? b : BigInteger.valueOf(((Number) v).longValue());
            if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
                return "must be an integer " + range() + ", got '" + n + "'";
            }
        }
        if (!choices.isEmpty() && !choices.contains(String.valueOf(v))) {
            return "must be one of " + String.join(", ", choices) + ", got '" + Printable.line(String.valueOf(v)) + "'";
        }
        return null;
    }

    private String expected() {
        return switch (kind) {
            case STRING, PATH -> "a string";
            case INT -> "an integer";
            case BOOL -> "True or False";
            case MAP, ROOTS -> "a mapping";
            case LIST -> "a list";
            case STRING_OR_LIST -> "a string or a list";
        };
    }

    private String range() {
        if (max >= Integer.MAX_VALUE) {
            return "of at least " + min;
        }
        return "from " + min + " to " + max;
    }
}
