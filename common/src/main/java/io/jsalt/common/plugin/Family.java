package io.jsalt.common.plugin;

/**
 * The closed list of plugin families. Adding a family is this one edit; the registry
 * refuses plugins of any other kind.
 */
public enum Family {
    /** Execution modules: run on a minion ({@code test.ping}, {@code cmd.run}). */
    EXECUTION,
    /** State modules: idempotent check/apply functions ({@code file.managed}). */
    STATE,
    /** Runners: run on the master from {@code jsalt-run} ({@code jobs.list_jobs}). */
    RUNNER
}
