package io.jsalt.minion.api;

import io.jsalt.common.plugin.Registry;

/**
 * The minion's STATE-family registry as a service. The execution registry is registered
 * under {@code Registry.class}; services are keyed by type, so the state registry needs a
 * type of its own. Used by {@code sys.list_state_modules} and friends; optional.
 */
public record StateRegistry(Registry registry) {}
