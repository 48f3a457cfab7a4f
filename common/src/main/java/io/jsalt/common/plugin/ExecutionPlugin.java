package io.jsalt.common.plugin;

/**
 * An execution module: its functions run on a minion ({@code test.ping}, {@code cmd.run}).
 * Implementations are listed in
 * {@code META-INF/services/io.jsalt.common.plugin.ExecutionPlugin}.
 */
public interface ExecutionPlugin extends Plugin {
    @Override
    default Family family() {
        return Family.EXECUTION;
    }
}
