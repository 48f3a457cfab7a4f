package io.jsalt.common.plugin;

/**
 * A runner: its functions run on the master from {@code jsalt-run} ({@code jobs.list_jobs}).
 * Implementations are listed in
 * {@code META-INF/services/io.jsalt.common.plugin.RunnerPlugin}.
 */
public interface RunnerPlugin extends Plugin {
    @Override
    default Family family() {
        return Family.RUNNER;
    }
}
