package io.jsalt.common.plugin;

/**
 * A state module: idempotent check/apply functions that a state run calls ({@code file.managed}).
 * Implementations are listed in
 * {@code META-INF/services/io.jsalt.common.plugin.StatePlugin}.
 */
public interface StatePlugin extends Plugin {
    @Override
    default Family family() {
        return Family.STATE;
    }
}
