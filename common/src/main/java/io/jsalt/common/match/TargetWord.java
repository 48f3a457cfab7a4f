package io.jsalt.common.match;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One word of a compound target, split as Salt's parse_target does: an optional engine
 * letter, for G/P/I/J an optional one-character delimiter, '@', then the pattern
 * ({@code G@os:Debian}, {@code G;@roles;web}, {@code web*}).
 */
record TargetWord(String word, String engine, String delimiter, String pattern) {
    private static final Pattern TARGET_REX =
            Pattern.compile("^(?:(?<engine>[GPIJLNSER])(?<delimiter>(?<=[GPIJ]).)?@)?(?<pattern>.+)$");
    private static final Pattern ENGINE_LIKE = Pattern.compile("^(?<engine>[A-Z])(?<delimiter>.)?@");

    static TargetWord parse(String word) {
        java.util.regex.Matcher m = TARGET_REX.matcher(word);
        if (m.matches() && m.group("engine") != null) {
            return new TargetWord(word, m.group("engine"), m.group("delimiter"), m.group("pattern"));
        }
        java.util.regex.Matcher e = ENGINE_LIKE.matcher(word);
        if (e.find()) {
            String engine = e.group("engine");
            boolean known = e.group("delimiter") == null ? "GPIJLNSER".contains(engine) : "GPIJ".contains(engine);
            if (known) {
                // "G@" or "L@": an engine with nothing to match. An empty list matches no one
                // (an empty nodegroup expands to it); anything else is a mistake.
                if (word.equals("L@")) {
                    return new TargetWord(word, "L", null, "");
                }
                throw new TargetException("Empty pattern in target expression \"" + word + "\"");
            }
            if (e.group("delimiter") == null) {
                throw new TargetException("Unrecognized target engine \"" + engine
                        + "\" for target expression \"" + word + "\"");
            }
        }
        if (word.length() > 1 && (word.startsWith("(") || word.endsWith(")"))) {
            // Salt would take "(web*" as a glob that matches nothing; say what is wrong.
            throw new TargetException("parentheses must be separated by spaces: '" + word + "'");
        }
        return new TargetWord(word, null, null, word);
    }

    /** The matcher for this word; the nodegroup engine (N) is expanded by the caller. */
    Predicate<MinionData> compile() {
        if (engine == null) {
            return Targets.glob(pattern);
        }
        String delim = delimiter == null ? Matcher.DEFAULT_DELIMITER : delimiter;
        if ("GPIJ".contains(engine) && !pattern.contains(delim)) {
            // Salt's grain and pillar matchers log "Got insufficient arguments" and return
            // False for a word without the delimiter; the rest of the compound still counts,
            // so "G@x or web*" matches web*.
            return m -> false;
        }
        return switch (engine) {
            case "G" -> Targets.grain(pattern, delim, SubdictMatch.Mode.GLOB, "grain");
            case "P" -> Targets.grain(pattern, delim, SubdictMatch.Mode.REGEX, "grain_pcre");
            case "I" -> Targets.pillar(pattern, delim, SubdictMatch.Mode.GLOB, "pillar");
            case "J" -> Targets.pillar(pattern, delim, SubdictMatch.Mode.REGEX, "pillar_pcre");
            case "L" -> Targets.list(pattern);
            case "S" -> IpCidr.compile(pattern);
            case "E" -> Targets.pcre(pattern);
            case "R" -> throw new TargetException("Range matcher unavailable (range targets are not supported): "
                    + word);
            default -> throw new IllegalStateException("engine " + engine + " is expanded by the caller");
        };
    }
}
