package io.jsalt.common.output;

import io.jsalt.common.py.PyPformat;
import io.jsalt.common.py.PyRepr;
import io.jsalt.common.py.PyText;
import io.jsalt.common.text.Printable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's highstate outputter (salt/output/highstate.py, 3006): one block per state in the
 * order the states ran (ID, Function, Name, Result, Comment, Started, Duration, Changes),
 * then the summary. Compile errors (a list) print as "Data failed to compile". Honours
 * {@code state_output} (full, terse, mixed, changes, filter, and their {@code _id} forms)
 * and {@code state_verbose}; Salt's {@code state_output_profile} default (on) is assumed.
 */
public final class HighstateOutputter implements Outputter {
    private static final Map<Object, String> LABELS = new LinkedHashMap<>();

    static {
        LABELS.put(Boolean.TRUE, "Succeeded");
        LABELS.put(Boolean.FALSE, "Failed");
        LABELS.put("none", "Not Run");
        LABELS.put("warnings", "Warnings");
    }

    @Override
    public String name() {
        return "highstate";
    }

    @Override
    @SuppressWarnings("unchecked")
    public String format(Object data, OutputOptions opts) {
        data = Printable.data(data); // ids, names, comments and changes print escaped
        if (data instanceof Map<?, ?> m && m.containsKey("return")) {
            data = m.get("return");
        }
        if (data instanceof Map<?, ?> m && m.containsKey("data")) {
            data = m.get("data");
        }
        if (data instanceof Number || data instanceof String) {
            return String.valueOf(data);
        }
        if (data == null) {
            return "None";
        }
        if (!(data instanceof Map)) {
            return PyRepr.str(data);
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) data).entrySet()) {
            out.add(new Host(e.getKey(), opts).format(e.getValue()));
        }
        return String.join("\n", out);
    }

    /** One minion's block (Salt's _format_host). */
    private static final class Host {
        private final String host;
        private final OutputOptions opts;
        private final Colors c;
        private final Map<Object, Long> rcounts = new LinkedHashMap<>();
        private final List<Double> durations = new ArrayList<>();
        private long nchanges;

        Host(String host, OutputOptions opts) {
            this.host = host;
            this.opts = opts;
            this.c = Colors.of(opts.color());
        }

        @SuppressWarnings("unchecked")
        String format(Object data) {
            String hcolor = c.green;
            List<String> hstrs = new ArrayList<>();
            if (data instanceof Number n) {
                nchanges = 1;
                hstrs.add(hcolor + "    " + n + c.endc);
                hcolor = c.cyan;
            } else if (data instanceof String s) {
                // Data in this form comes from saltmod.function: always a change.
                nchanges = 1;
                for (String line : PyText.splitlines(s)) {
                    hstrs.add(hcolor + "    " + line + c.endc);
                }
                hcolor = c.cyan;
            } else if (data instanceof List<?> errors) {
                hcolor = c.lightRed;
                hstrs.add("    " + hcolor + "Data failed to compile:" + c.endc);
                for (Object err : errors) {
                    hstrs.add(hcolor + "----------\n    " + stripEsc(PyRepr.str(err)) + c.endc);
                }
            } else if (data instanceof Map<?, ?> m) {
                Map<String, Map<String, Object>> states = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String tname = String.valueOf(e.getKey());
                    if (e.getValue() instanceof Map<?, ?> info && !tname.equals("changes") && !info.isEmpty()
                            && !info.containsKey("__run_num__")) {
                        hstrs.add(0, PyPformat.pformat(info));
                        hstrs.add(0, "The State execution failed to record the order in which all states were "
                                + "executed. The state return missing data is:");
                    }
                    if (e.getValue() instanceof Map<?, ?> info && info.containsKey("result")) {
                        states.put(tname, new LinkedHashMap<>((Map<String, Object>) info));
                    }
                }
                List<String> order = new ArrayList<>(states.keySet());
                order.sort(Comparator.comparingLong(k -> runNum(states.get(k))));
                for (String tname : order) {
                    String color = state(tname, states.get(tname), hstrs);
                    if (color != null) {
                        hcolor = color;
                    }
                }
                summary(hstrs);
            }
            hstrs.add(0, hcolor + stripEsc(host) + ":" + c.endc);
            return String.join("\n", hstrs);
        }

        /** Formats one state; returns the host colour it forces (red, yellow) or null. */
        private String state(String tname, Map<String, Object> ret, List<String> hstrs) {
            Object result = ret.get("result");
            rcounts.merge(key(result), 1L, Long::sum);
            durations.add(durationOf(ret.get("duration")));
            Object changes = ret.get("changes");
            boolean schanged;
            String ctext;
            if (!truthy(changes)) {
                schanged = false;
                ctext = "";
            } else if (!(changes instanceof Map)) {
                schanged = true;
                ctext = "Invalid Changes data: " + PyRepr.str(changes);
            } else {
                schanged = true;
                ctext = "\n" + Display.rstrip(new NestedOutputter().format(changes,
                        opts.withNestedIndent(14).withRetcode(0)));
            }
            if (schanged) {
                nchanges++;
            }
            if (!opts.stateVerbose() && truthy(result) && !schanged) {
                return null;
            }
            String tcolor = c.green;
            String hcolor = null;
            if (schanged) {
                tcolor = c.cyan;
            }
            if (Boolean.FALSE.equals(result)) {
                hcolor = c.red;
                tcolor = c.red;
            }
            if (result == null) {
                hcolor = c.lightYellow;
                tcolor = c.lightYellow;
            }
            String stateOutput = (opts.stateOutput() == null ? "full" : opts.stateOutput()).toLowerCase();
            String[] comps = tname.split("_\\|-", -1);
            if (comps.length < 4) {
                comps = new String[] {tname, tname, tname, tname};
            }
            if (stateOutput.endsWith("_id")) {
                // The ID instead of the name (Salt #35137).
                comps[2] = comps[1];
            }
            if (stateOutput.startsWith("terse")
                    || (stateOutput.startsWith("mixed") && !Boolean.FALSE.equals(result))
                    || (stateOutput.startsWith("changes") && truthy(result) && !schanged)) {
                hstrs.add(terse(tcolor, comps, ret));
                return hcolor;
            }
            List<String> lines = new ArrayList<>();
            lines.add(tcolor + "----------" + c.endc);
            lines.add("    " + tcolor + "      ID: " + comps[1] + c.endc);
            lines.add("    " + tcolor + "Function: " + comps[0] + "." + comps[3] + c.endc);
            lines.add("    " + tcolor + "  Result: " + PyRepr.str(result) + c.endc);
            lines.add("    " + tcolor + " Comment: " + comment(ret) + c.endc);
            if (ret.containsKey("start_time")) {
                lines.add("    " + tcolor + " Started: " + PyRepr.str(ret.get("start_time")) + c.endc);
                Object d = ret.get("duration");
                lines.add("    " + tcolor + "Duration: " + (d == null || "".equals(d) ? "" : PyRepr.str(d) + " ms") + c.endc);
            }
            if (!comps[1].equals(comps[2])) {
                lines.add(3, "    " + tcolor + "    Name: " + comps[2] + c.endc);
            }
            hstrs.addAll(lines);
            hstrs.add(tcolor + "     Changes:   " + ctext + c.endc);
            if (ret.get("warnings") instanceof List<?> w) {
                rcounts.merge("warnings", 1L, Long::sum);
                List<String> ws = new ArrayList<>();
                w.forEach(x -> ws.add(PyRepr.str(x)));
                hstrs.add("   " + c.lightRed + " Warnings: " + wrap(String.join("\n", ws), 80, 14).stripLeading() + c.endc);
            }
            return hcolor;
        }

        private String comment(Map<String, Object> ret) {
            String comment = PyRepr.str(ret.get("comment")).strip().replace("\n", "\n" + " ".repeat(14));
            Object d = ret.get("data");
            if (d instanceof List<?> l) {
                for (Object item : l) {
                    comment = comment + " " + PyRepr.str(item);
                }
            } else if (d instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    comment = comment + "\n\t\t" + e.getKey() + ": " + PyRepr.str(e.getValue());
                }
            } else if (ret.containsKey("data")) {
                comment = comment + " " + PyRepr.str(d);
            }
            return comment;
        }

        private String terse(String tcolor, String[] comps, Map<String, Object> ret) {
            String result = "Clean";
            if (truthy(ret.get("changes"))) {
                result = "Changed";
            }
            if (Boolean.FALSE.equals(ret.get("result"))) {
                result = "Failed";
            } else if (ret.get("result") == null) {
                result = "Differs";
            }
            StringBuilder sb = new StringBuilder();
            if (ret.get("warnings") instanceof List<?> w) {
                List<String> ws = new ArrayList<>();
                w.forEach(x -> ws.add(PyRepr.str(x)));
                sb.append(c.lightRed).append("Warnings:\n").append(String.join("\n", ws)).append(c.endc);
            }
            sb.append(' ').append(tcolor).append(" Name: ").append(comps[2]).append(" - Function: ")
                    .append(comps[0]).append('.').append(comps[comps.length - 1]).append(" - Result: ").append(result);
            if (ret.containsKey("start_time")) {
                sb.append(" - Started: ").append(PyRepr.str(ret.get("start_time"))).append(" - Duration: ")
                        .append(PyRepr.str(ret.get("duration"))).append(" ms");
            }
            sb.append(c.endc);
            return sb.toString();
        }

        private void summary(List<String> hstrs) {
            long countMax = 0;
            for (Long v : rcounts.values()) {
                countMax = Math.max(countMax, String.valueOf(v).length());
            }
            int labelMax = 9;
            int lineMax = (int) (labelMax + countMax + 2);
            hstrs.add(c.cyan + "\nSummary for " + stripEsc(host) + "\n" + "-".repeat(lineMax) + c.endc);
            long none = rcounts.getOrDefault("none", 0L);
            List<String> changestats = new ArrayList<>();
            if (none > 0) {
                changestats.add(c.lightYellow + "unchanged=" + none + c.endc);
            }
            if (nchanges > 0) {
                changestats.add(c.green + "changed=" + nchanges + c.endc);
            }
            String stats = changestats.isEmpty() ? "" : " (" + String.join(", ", changestats) + ")";
            hstrs.add(c.green + counts("Succeeded", rcounts.getOrDefault(Boolean.TRUE, 0L) + none, lineMax) + c.endc + stats);
            long failed = rcounts.getOrDefault(Boolean.FALSE, 0L);
            hstrs.add((failed > 0 ? c.red : c.cyan) + counts("Failed", failed, lineMax) + c.endc);
            long warnings = rcounts.getOrDefault("warnings", 0L);
            if (warnings > 0) {
                hstrs.add(c.lightRed + counts("Warnings", warnings, lineMax) + c.endc);
            }
            long total = rcounts.values().stream().mapToLong(Long::longValue).sum() - warnings;
            hstrs.add(c.cyan + "-".repeat(lineMax) + "\n" + "Total states run: " + pad(String.valueOf(total), lineMax - 7)
                    + c.endc);
            double sum = durations.stream().mapToDouble(Double::doubleValue).sum();
            String unit = "ms";
            if (sum > 999) {
                sum /= 1000;
                unit = "s";
            }
            hstrs.add(c.cyan + "Total run time: " + pad(String.format(java.util.Locale.ROOT, "%.3f", sum), lineMax - 5) + " " + unit + c.endc);
        }

        private static String counts(String label, long count, int lineMax) {
            return label + ": " + pad(String.valueOf(count), lineMax - (label.length() + 2));
        }

        private static String pad(String s, int width) {
            return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
        }

        private static Object key(Object result) {
            if (result == null) {
                return "none";
            }
            return result instanceof Boolean ? result : truthy(result);
        }

        private static long runNum(Map<String, Object> ret) {
            return ret.get("__run_num__") instanceof Number n ? n.longValue() : 0;
        }

        private static double durationOf(Object d) {
            if (d instanceof Number n) {
                return n.doubleValue();
            }
            if (d instanceof String s) {
                try {
                    return Double.parseDouble(s.replace(" ms", "").trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
            return 0;
        }
    }

    static boolean truthy(Object o) {
        return io.jsalt.common.data.Data.truthy(o);
    }

    /** Salt's strip_esc_sequence, done the jsalt way: every control character escaped. */
    static String stripEsc(String s) {
        return Printable.line(s);
    }

    /** Python textwrap.fill with the same indent on every line (whitespace collapsed). */
    static String wrap(String text, int width, int indent) {
        String prefix = " ".repeat(indent);
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(prefix);
        for (String word : text.trim().split("\\s+")) {
            if (line.length() > prefix.length() && line.length() + 1 + word.length() > width) {
                out.append(line).append('\n');
                line = new StringBuilder(prefix);
            }
            if (line.length() > prefix.length()) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(line);
        return out.toString();
    }
}
