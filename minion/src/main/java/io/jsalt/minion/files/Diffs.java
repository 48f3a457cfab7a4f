package io.jsalt.minion.files;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * Unified diffs as Salt shows them in a state's changes: Python's difflib.unified_diff over
 * lines that keep their line ends, no file names ({@code "--- \n+++ \n"}), three lines of
 * context, difflib's hunk grouping and range format. The edit script comes from
 * java-diff-utils (Myers), so an ambiguous change may pair lines differently than difflib.
 */
public final class Diffs {
    private static final int CONTEXT = 3;

    private record Op(char tag, int i1, int i2, int j1, int j2) {}

    private Diffs() {}

    /** The diff from a to b; "" when they are equal. */
    public static String unified(String a, String b) {
        List<String> x = linesOf(a);
        List<String> y = linesOf(b);
        List<List<Op>> groups = grouped(opcodes(x, y));
        StringBuilder out = new StringBuilder();
        for (List<Op> g : groups) {
            if (out.length() == 0) {
                out.append("--- \n+++ \n");
            }
            Op first = g.get(0);
            Op last = g.get(g.size() - 1);
            out.append("@@ -").append(range(first.i1(), last.i2())).append(" +")
                    .append(range(first.j1(), last.j2())).append(" @@\n");
            for (Op op : g) {
                if (op.tag() == 'e') {
                    x.subList(op.i1(), op.i2()).forEach(l -> out.append(' ').append(l));
                    continue;
                }
                if (op.tag() == 'r' || op.tag() == 'd') {
                    x.subList(op.i1(), op.i2()).forEach(l -> out.append('-').append(l));
                }
                if (op.tag() == 'r' || op.tag() == 'i') {
                    y.subList(op.j1(), op.j2()).forEach(l -> out.append('+').append(l));
                }
            }
        }
        return out.toString();
    }

    /** Python's str.splitlines(True) for \n, \r\n and \r. */
    public static List<String> linesOf(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                    i++;
                }
                out.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(s.substring(start));
        }
        return out;
    }

    private static List<Op> opcodes(List<String> x, List<String> y) {
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> d : DiffUtils.diff(x, y).getDeltas()) {
            int si = d.getSource().getPosition();
            int tj = d.getTarget().getPosition();
            if (si > i || tj > j) {
                ops.add(new Op('e', i, si, j, tj));
            }
            int ei = si + d.getSource().size();
            int ej = tj + d.getTarget().size();
            char tag = switch (d.getType()) {
                case DELETE -> 'd';
                case INSERT -> 'i';
                case CHANGE -> 'r';
                default -> 'e';
            };
            ops.add(new Op(tag, si, ei, tj, ej));
            i = ei;
            j = ej;
        }
        if (i < x.size() || j < y.size()) {
            ops.add(new Op('e', i, x.size(), j, y.size()));
        }
        return ops;
    }

    /** difflib.SequenceMatcher.get_grouped_opcodes(3). */
    private static List<List<Op>> grouped(List<Op> codes) {
        List<List<Op>> out = new ArrayList<>();
        if (codes.isEmpty()) {
            return out;
        }
        codes = new ArrayList<>(codes);
        Op f = codes.get(0);
        if (f.tag() == 'e') {
            codes.set(0, new Op('e', Math.max(f.i1(), f.i2() - CONTEXT), f.i2(), Math.max(f.j1(), f.j2() - CONTEXT), f.j2()));
        }
        Op l = codes.get(codes.size() - 1);
        if (l.tag() == 'e') {
            codes.set(codes.size() - 1, new Op('e', l.i1(), Math.min(l.i2(), l.i1() + CONTEXT), l.j1(),
                    Math.min(l.j2(), l.j1() + CONTEXT)));
        }
        List<Op> group = new ArrayList<>();
        for (Op op : codes) {
            int i1 = op.i1();
            int j1 = op.j1();
            if (op.tag() == 'e' && op.i2() - i1 > 2 * CONTEXT) {
                group.add(new Op('e', i1, Math.min(op.i2(), i1 + CONTEXT), j1, Math.min(op.j2(), j1 + CONTEXT)));
                out.add(group);
                group = new ArrayList<>();
                i1 = Math.max(i1, op.i2() - CONTEXT);
                j1 = Math.max(j1, op.j2() - CONTEXT);
            }
            group.add(new Op(op.tag(), i1, op.i2(), j1, op.j2()));
        }
        if (!group.isEmpty() && !(group.size() == 1 && group.get(0).tag() == 'e')) {
            out.add(group);
        }
        return out;
    }

    private static String range(int start, int stop) {
        int beginning = start + 1;
        int length = stop - start;
        if (length == 1) {
            return Integer.toString(beginning);
        }
        if (length == 0) {
            beginning--;
        }
        return beginning + "," + length;
    }
}
