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

    public <T> T get(Class<T> type) {
        return find(type).orElseThrow(() -> new CommandExecutionError(
                type.getSimpleName() + " is not available in this process"));
    }

    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(type.cast(byType.get(type)));
    }
}
