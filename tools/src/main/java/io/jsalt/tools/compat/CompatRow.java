package io.jsalt.tools.compat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One formula's line of the compatibility table, and what went wrong for its failure list. */
final class CompatRow {
    static final String HEADER = String.format(Locale.ROOT, "%-12s %-10s %4s %9s %-9s %-8s %-10s %s",
            "formula", "commit", "sls", "renders", "dry-run", "applies", "idempotent", "notes");

    final Formula formula;
    final int sls;
    /** The SLS that did not render, with the first line of their error. */
    final Map<String, String> renderErrors = new LinkedHashMap<>();
    RunOutcome dryRun;
    /** The two real applies, or null when the formula was not applied. */
    HostApply.Applied applied;

    CompatRow(Formula formula, int sls) {
        this.formula = formula;
        this.sls = sls;
    }

    int rendered() {
        return sls - renderErrors.size();
    }

    String commit() {
        return formula.commit() == null ? "-" : formula.commit().substring(0, Math.min(10, formula.commit().length()));
    }

    String dryRunCell() {
        if (dryRun.ok()) {
            return "ok";
        }
        return dryRun.states() == 0 ? "no render" : dryRun.failed() + " failed";
    }

    String appliesCell() {
        if (applied == null) {
            return "-";
        }
        return applied.first().ok() ? "yes" : "no";
    }

    String idempotentCell() {
        if (applied == null) {
            return "-";
        }
        return applied.second().unchanged() ? "yes" : "no";
    }

    boolean appliesAndIdempotent() {
        return applied != null && applied.first().ok() && applied.second().unchanged();
    }

    /** Whether the formula failed anywhere (a render, the dry-run, an apply or its second run). */
    boolean failedSomewhere() {
        return !renderErrors.isEmpty() || !dryRun.ok() || applied != null && !appliesAndIdempotent();
    }

    /** The table's notes: a failure outside jsalt says so first, with the list's reason. */
    String tableNote() {
        return formula.outside() != null && failedSomewhere() ? "outside jsalt: " + formula.outside() : note();
    }

    /** The first problem, in a few words, for the table's notes column. */
    String note() {
        if (applied != null && applied.fetchError() != null) {
            return applied.fetchError();
        }
        if (applied != null && !applied.first().ok()) {
            return "apply: " + applied.first().firstFailure();
        }
        if (applied != null && !applied.second().ok()) {
            return "second apply: " + applied.second().firstFailure();
        }
        if (applied != null && !applied.second().unchanged()) {
            return "second apply changed " + applied.second().changed() + " (first: " + applied.second().firstChanged() + ")";
        }
        if (!dryRun.ok()) {
            return "dry-run: " + dryRun.firstFailure();
        }
        if (!renderErrors.isEmpty()) {
            Map.Entry<String, String> e = renderErrors.entrySet().iterator().next();
            return e.getKey() + ": " + e.getValue();
        }
        return "";
    }

    String line() {
        return String.format(Locale.ROOT, "%-12s %-10s %4d %9s %-9s %-8s %-10s %s", formula.name(), commit(), sls,
                rendered() + "/" + sls, dryRunCell(), appliesCell(), idempotentCell(), clip(note(), 140));
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
