package io.jsalt.minion.jobs;

import java.util.Map;

/**
 * The outputter a function's return is shown with (Salt's {@code __outputter__}), sent as
 * the return's {@code out} so jsalt and jsalt-call pick it: the state functions print with
 * the highstate outputter.
 */
public final class FunctionOutputters {
    private static final Map<String, String> BY_FUN = Map.ofEntries(
            Map.entry("state.sls", "highstate"), Map.entry("state.sls_id", "highstate"),
            Map.entry("state.pkg", "highstate"), Map.entry("state.top", "highstate"),
            Map.entry("state.single", "highstate"), Map.entry("state.highstate", "highstate"),
            Map.entry("state.template", "highstate"), Map.entry("state.template_str", "highstate"),
            Map.entry("state.apply", "highstate"), Map.entry("state.test", "highstate"),
            Map.entry("state.high", "highstate"), Map.entry("state.low", "highstate"));

    private FunctionOutputters() {}

    /** The outputter name for fun, or null for the default (nested). */
    public static String of(String fun) {
        return BY_FUN.get(fun);
    }
}
