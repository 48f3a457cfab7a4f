package io.jsalt.common.plugin;

import java.util.List;
import java.util.Map;

/** The function table of one family, as templates and other modules see it. */
public interface Functions {
    /** Calls {@code mod.fun}; throws {@link FunctionNotAvailable} when there is none. */
    Object call(String fun, List<Object> args, Map<String, Object> kwargs);

    boolean has(String fun);

    /**
     * Salt's refresh_modules: checks again the modules that could not run here (a package
     * a state just installed may have brought what they need). Returns the modules that
     * became available.
     */
    default List<String> refresh() {
        return List.of();
    }

    /**
     * This table with each call's context changed by {@code change}: a state run's functions
     * see the run's own pillar, as Salt's {@code __pillar__} is the pillar compiled for the run.
     * A table that does not build contexts (a template's stand-in) stays as it is.
     */
    default Functions with(java.util.function.UnaryOperator<Context> change) {
        return this;
    }
}
