package io.jsalt.common.cli;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salt's CLI argument typing: {@code salt.utils.args.parse_input} with {@code yamlify_arg}
 * and {@code KWARG_REGEX} (Salt 3006). {@code jsalt '*' test.arg 3 true '[1, 2]' foo=bar}
 * gives args {@code [3, true, [1, 2]]} and kwargs {@code {foo: "bar"}}.
 *
 * <p>Each word is typed by YAML ({@link SaltYamlLoader}, which types scalars exactly as
 * Salt's loader does) unless one of yamlify_arg's guards keeps it a string; see
 * {@link #yamlify}.
 */
public final class ArgParser {
    /**
     * {@code ^([^\d\W][\w.-]*)=(?!=)(.*)$} with Python's semantics: Unicode word
     * characters, and only {@code \n} ends a line ({@code .} stops there, {@code $} may match
     * before one final newline), so "a=b\nc" is not a kwarg.
     */
    static final Pattern KWARG_REGEX = Pattern.compile("^([^\\d\\W][\\w.-]*)=(?!=)(.*)$",
            Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES);

    private ArgParser() {}

    /** The typed arguments: positional args and keyword args in the order given. */
    public record Parsed(List<Object> args, Map<String, Object> kwargs) {
        /**
         * The single list Salt publishes as the job's {@code arg} (condition_input): the
         * args, then the kwargs as one map marked {@code "__kwarg__": true} if there are any.
         */
        public List<Object> publishArgs() {
            List<Object> out = new ArrayList<>(args);
            if (!kwargs.isEmpty()) {
                Map<String, Object> kw = new LinkedHashMap<>();
                kw.put("__kwarg__", true);
                kw.putAll(kwargs);
                out.add(kw);
            }
            return out;
        }
    }

    /** parse_input(args) for the words after the function name. */
    public static Parsed parse(List<String> words) {
        return parse(words, Set.of());
    }

    /**
     * parse_input(args, no_parse=...): kwargs named in noParse keep their text untyped
     * (Salt uses this for arguments such as a state's pillar that are parsed later).
     */
    public static Parsed parse(List<String> words, Collection<String> noParse) {
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (String word : words) {
            Matcher m = KWARG_REGEX.matcher(word);
            if (m.matches()) {
                String name = m.group(1);
                String value = m.group(2);
                kwargs.put(name, noParse.contains(name) ? value : yamlify(value));
            } else {
                args.add(conditionArg(yamlify(word)));
            }
        }
        return new Parsed(args, kwargs);
    }

    /**
     * condition_input: an int that looks like a JID (20 characters, int-able) is published
     * as a string so it survives every serializer. 20-digit positives do not fit a Long
     * and are already strings; a negative 19-digit Long is 20 characters too.
     */
    private static Object conditionArg(Object arg) {
        if ((arg instanceof Long || arg instanceof BigInteger) && arg.toString().length() == 20) {
            return arg.toString();
        }
        return arg;
    }

    /**
     * yamlify_arg: YAML-load a word, except where Salt keeps the text as given.
     *
     * <ul>
     *   <li>blank, "---" or "..." (stripped): the text; YAML would make it None or fail;</li>
     *   <li>only digits and underscores with at least one underscore ("1_000"): the text,
     *       since YAML would drop the underscores;</li>
     *   <li>a tab, CR or LF anywhere: the text;</li>
     *   <li>a '#' anywhere: the loaded value only if it is not a string or None (the '#'
     *       would otherwise start a comment and lose content); no brace check then;</li>
     *   <li>"None": None;</li>
     *   <li>a map must come from text starting with '{', a list from text starting with
     *       '['; otherwise the text ("a: 1", "- x");</li>
     *   <li>"|" and "!" (which load as "" or None) stay as typed; "&gt;" becomes "" as in
     *       Salt;</li>
     *   <li>types Salt does not pass through (binary, set) and any load error: the text.</li>
     * </ul>
     */
    public static Object yamlify(String arg) {
        String stripped = pyStrip(arg);
        if (stripped.isEmpty() || stripped.equals("---") || stripped.equals("...")) {
            return arg;
        }
        if (arg.indexOf('_') >= 0 && stripped.chars().allMatch(c -> c == '_' || (c >= '0' && c <= '9'))) {
            return arg;
        }
        if (arg.indexOf('\t') >= 0 || arg.indexOf('\r') >= 0 || arg.indexOf('\n') >= 0) {
            return arg;
        }
        try {
            if (arg.indexOf('#') >= 0) {
                Object parsed = SaltYamlLoader.load(arg);
                if (parsed == null || parsed instanceof String) {
                    return arg;
                }
                return SaltYamlLoader.toModel(parsed);
            }
            Object loaded = arg.equals("None") ? null : SaltYamlLoader.load(arg);
            if (loaded instanceof Map) {
                return arg.startsWith("{") ? SaltYamlLoader.toModel(loaded) : arg;
            }
            if (loaded instanceof List) {
                return arg.startsWith("[") ? SaltYamlLoader.toModel(loaded) : arg;
            }
            if (loaded == null || loaded instanceof Number || loaded instanceof String
                    || loaded instanceof Boolean) {
                if ("".equals(loaded) && (arg.equals("|") || arg.equals("!"))) {
                    return arg;
                }
                if (loaded == null && (stripped.startsWith("#") || arg.equals("!"))) {
                    return arg;
                }
                return SaltYamlLoader.toModel(loaded);
            }
            return arg; // "we don't support this type": bytes, sets, ...
        } catch (RuntimeException e) {
            return arg; // "In case anything goes wrong..."
        }
    }

    /** Python's str.strip(): strips every character str.isspace() accepts. */
    static String pyStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPySpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPySpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isPySpace(char c) {
        return (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= ' ') || c == '\u0085'
                || Character.isSpaceChar(c);
    }
}
