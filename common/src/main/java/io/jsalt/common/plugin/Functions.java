package io.jsalt.common.plugin;

import java.util.List;
import java.util.Map;

/** The function table of one family, as templates and other modules see it. */
public interface Functions {
    /** Calls {@code mod.fun}; throws {@link FunctionNotAvailable} when there is none. */
    Object call(String fun, List<Object> args, Map<String, Object> kwargs);

    boolean has(String fun);
}
