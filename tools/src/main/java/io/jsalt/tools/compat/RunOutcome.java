package io.jsalt.tools.compat;

import java.util.Map;

/**
 * One state run's outcome as jsalt-compat counts it: how many states ran, how many failed,
 * how many reported changes, the first failure's comment, the first changed state (or the render error when the
 * run returned a list of errors instead of state results).
 */
public record RunOutcome(int states, int failed, int changed, String firstFailure, String firstChanged) {
    /** Reads a state run's return: a map of state results, or Salt's list of render errors. */
    public static RunOutcome of(Object ret) {
        if (!(ret instanceof Map<?, ?> results)) {
            String error = FormulaCheck.firstLine(ret);
            return new RunOutcome(0, 0, 0, error.isEmpty() ? "no state results" : error, null);
        }
        int failed = 0;
        int changed = 0;
        String first = null;
        String firstChanged = null;
        for (Map.Entry<?, ?> e : results.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> r)) {
                continue;
            }
            if (Boolean.FALSE.equals(r.get("result"))) {
                failed++;
                if (first == null) {
                    first = stateId(e.getKey()) + ": " + FormulaCheck.firstLine(r.get("comment"));
                }
            }
            if (r.get("changes") instanceof Map<?, ?> c && !c.isEmpty()) {
                changed++;
                if (firstChanged == null) {
                    firstChanged = stateId(e.getKey());
                }
            }
        }
        return new RunOutcome(results.size(), failed, changed, first, firstChanged);
    }

    /** The state's id from a result key ({@code pkg_|-ID_|-NAME_|-installed}). */
    private static String stateId(Object key) {
        String[] parts = String.valueOf(key).split("_\\|-");
        return parts.length == 4 ? parts[0] + "." + parts[3] + " " + parts[1] : String.valueOf(key);
    }

    /** The run returned state results (it rendered) and none of them failed. */
    public boolean ok() {
        return firstFailure == null;
    }

    /** Rendered, nothing failed and nothing changed: the idempotence check of a second apply. */
    public boolean unchanged() {
        return ok() && changed == 0;
    }
}
