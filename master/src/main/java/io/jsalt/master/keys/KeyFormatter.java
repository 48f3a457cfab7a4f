package io.jsalt.master.keys;

import io.jsalt.common.text.Printable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * jsalt-key's output, byte for byte as Salt's {@code salt/output/key.py} and
 * {@code salt/key.py} print it: statuses in sorted order of their directory names
 * (Accepted, Denied, Unaccepted, Rejected; "Local Keys" first for fingerprints), ids sorted,
 * Salt's ANSI colours when asked, and the {@code --out json} document. Ids and globs print
 * with control characters escaped: the key directory only lists valid ids, but a listing is a
 * terminal's input and is never trusted to be clean.
 */
public final class KeyFormatter {
    /** Salt's key --out json is json.dumps(indent=4): the json outputter's default. */
    private static final io.jsalt.common.output.Outputter JSON = io.jsalt.common.output.Outputters.get("json");

    private static final String LOCAL = "local";

    /** Salt's TextFormat sequences: every colour starts with a reset, ENDC is reset;reset. */
    private static final String RED = "\033[0;31m";
    private static final String LIGHT_RED = "\033[0;1;31m";
    private static final String GREEN = "\033[0;32m";
    private static final String LIGHT_GREEN = "\033[0;1;32m";
    private static final String BLUE = "\033[0;34m";
    private static final String LIGHT_BLUE = "\033[0;1;34m";
    private static final String MAGENTA = "\033[0;35m";
    private static final String LIGHT_MAGENTA = "\033[0;1;35m";
    private static final String ENDC = "\033[0;0m";

    private KeyFormatter() {}

    /** {@code jsalt-key -L} / {@code -l STATE}: headings for the states given, each followed by its ids. */
    public static String list(Map<KeyState, List<String>> keys, boolean color) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, KeyState> e : byStatusName(keys.keySet()).entrySet()) {
            out.append(heading(e.getKey(), color)).append('\n');
            for (String id : sorted(keys.get(e.getValue()))) {
                out.append(c(keyColor(e.getKey()), color)).append(Printable.line(id)).append(c(ENDC, color)).append('\n');
            }
        }
        return out.toString();
    }

    /** {@code jsalt-key -f GLOB} / {@code -F}: "id:  fingerprint" lines under each heading. */
    public static String fingerprints(FingerprintReport report, boolean color) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        if (report.local() != null) {
            byName.put(LOCAL, report.local());
        }
        report.keys().forEach((state, fingers) -> byName.put(state.dirName(), fingers));
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Map<String, String>> e : byName.entrySet()) {
            out.append(heading(e.getKey(), color)).append('\n');
            for (String id : sorted(e.getValue().keySet())) {
                out.append(c(keyColor(e.getKey()), color)).append(Printable.line(id)).append(":  ")
                        .append(e.getValue().get(id)).append(c(ENDC, color)).append('\n');
            }
        }
        return out.toString();
    }

    /** Salt's data shape: {"minions": [...], "minions_pre": [...], ...} in the order given. */
    public static Map<String, Object> toData(Map<KeyState, List<String>> keys) {
        Map<String, Object> out = new LinkedHashMap<>();
        keys.forEach((state, ids) -> out.put(state.dirName(), new ArrayList<>(ids)));
        return out;
    }

    /** Salt's data shape for fingerprints: {"local": {...}, "minions": {id: finger}, ...}. */
    public static Map<String, Object> toData(FingerprintReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (report.local() != null) {
            out.put(LOCAL, new LinkedHashMap<>(report.local()));
        }
        report.keys().forEach((state, fingers) -> out.put(state.dirName(), new LinkedHashMap<>(fingers)));
        return out;
    }

    /** {@code --out json}: Python's json.dumps(data, indent=4) as Salt's json outputter calls it. */
    public static String json(Map<KeyState, List<String>> keys) {
        return JSON.format(toData(keys), io.jsalt.common.output.OutputOptions.PLAIN) + "\n";
    }

    public static String json(FingerprintReport report) {
        return JSON.format(toData(report), io.jsalt.common.output.OutputOptions.PLAIN) + "\n";
    }

    /** "The following keys are going to be accepted:" and the keys, shown before asking to proceed. */
    public static String preview(String verb, Map<KeyState, List<String>> keys, boolean color) {
        return "The following keys are going to be " + pastTense(verb) + ":\n" + list(keys, color);
    }

    /** "Key for minion web1 accepted." for each change. */
    public static String done(String verb, Collection<KeyChange> changes) {
        StringBuilder out = new StringBuilder();
        for (KeyChange ch : changes) {
            out.append("Key for minion ").append(Printable.line(ch.id())).append(' ').append(pastTense(verb)).append(".\n");
        }
        return out.toString();
    }

    /** "The key glob 'web*' does not match any unaccepted or rejected keys." */
    public static String noMatch(String glob, boolean includeAccepted, boolean includeRejected,
                                 boolean includeDenied) {
        List<String> statuses = new ArrayList<>(List.of("unaccepted"));
        if (includeAccepted) {
            statuses.add("accepted");
        }
        if (includeRejected) {
            statuses.add("rejected");
        }
        if (includeDenied) {
            statuses.add("denied");
        }
        String stat = statuses.size() == 1 ? statuses.get(0)
                : String.join(", ", statuses.subList(0, statuses.size() - 1)) + " or " + statuses.get(statuses.size() - 1);
        return "The key glob '" + Printable.line(glob) + "' does not match any " + stat + " keys.\n";
    }

    /** Salt's "{cmd.rstrip('e')}ed": accept -> accepted, reject -> rejected, delete -> deleted. */
    private static String pastTense(String verb) {
        String stem = verb;
        while (stem.endsWith("e")) {
            stem = stem.substring(0, stem.length() - 1);
        }
        return stem + "ed";
    }

    private static Map<String, KeyState> byStatusName(Collection<KeyState> states) {
        Map<String, KeyState> out = new TreeMap<>();
        for (KeyState s : states) {
            out.put(s.dirName(), s);
        }
        return out;
    }

    private static List<String> sorted(Collection<String> ids) {
        List<String> out = new ArrayList<>(ids);
        out.sort(null);
        return out;
    }

    private static String heading(String status, boolean color) {
        return switch (status) {
            case "minions" -> c(LIGHT_GREEN, color) + "Accepted Keys:" + c(ENDC, color);
            case "minions_pre" -> c(LIGHT_RED, color) + "Unaccepted Keys:" + c(ENDC, color);
            case "minions_rejected" -> c(LIGHT_BLUE, color) + "Rejected Keys:" + c(ENDC, color);
            case "minions_denied" -> c(LIGHT_MAGENTA, color) + "Denied Keys:" + c(ENDC, color);
            case LOCAL -> c(LIGHT_MAGENTA, color) + "Local Keys:" + c(ENDC, color);
            default -> throw new IllegalArgumentException(status);
        };
    }

    private static String keyColor(String status) {
        return switch (status) {
            case "minions" -> GREEN;
            case "minions_pre" -> RED;
            case "minions_rejected" -> BLUE;
            default -> MAGENTA;
        };
    }

    private static String c(String code, boolean color) {
        return color ? code : "";
    }
}
