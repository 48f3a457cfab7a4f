package io.jsalt.common.plugin;

/**
 * The closed list of plugin families. Each family has its own service interface, so a
 * process asks {@link java.util.ServiceLoader} for its own family alone and never
 * instantiates another's plugins: the master loads runners only, the minion execution and
 * state modules only. Adding a family is this edit and its interface.
 */
public enum Family {
    /** Execution modules: run on a minion ({@code test.ping}, {@code cmd.run}). */
    EXECUTION(ExecutionPlugin.class),
    /** State modules: idempotent check/apply functions ({@code file.managed}). */
    STATE(StatePlugin.class),
    /** Runners: run on the master from {@code jsalt-run} ({@code jobs.list_jobs}). */
    RUNNER(RunnerPlugin.class);

    private final Class<? extends Plugin> service;

    Family(Class<? extends Plugin> service) {
        this.service = service;
    }

    /** The interface the family's plugins implement and list under META-INF/services. */
    public Class<? extends Plugin> service() {
        return service;
    }
}
