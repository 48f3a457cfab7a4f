package io.jsalt.common.plugin;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A small typed map of host-provided services handed to plugins through the context. */
public final class Services {
    private final Map<Class<?>, Object> byType = new ConcurrentHashMap<>();

    public <T> Services put(Class<T> type, T impl) {
        byType.put(type, impl);
        return this;
    }

    /**
     * A copy with one service added or replaced, for services that belong to one call (a state
     * run's state tree) and must not reach the process-wide set.
     */
    public <T> Services with(Class<T> type, T impl) {
        Services copy = new Services();
        copy.byType.putAll(byType);
        copy.byType.put(type, impl);
        return copy;
    }

    public <T> T get(Class<T> type) {
        return find(type).orElseThrow(() -> new CommandExecutionError(
                type.getSimpleName() + " is not available in this process"));
    }

    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(type.cast(byType.get(type)));
    }
}
