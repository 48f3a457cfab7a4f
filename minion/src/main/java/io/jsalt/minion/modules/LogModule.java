package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * Salt's log module (logmod): templates write to the minion's log. The message is passed as a
 * logging argument, never as the format, so braces in it are printed as they are.
 */
public final class LogModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "log";
    }

    @Override
    public String doc() {
        return "On-demand logging: write a message to the minion's log, e.g. from a template.";
    }

    /** Salt's level names as the minion's log has them: CRITICAL and EXCEPTION are its ERROR. */
    private static final Map<String, Level> LEVELS = Map.of("debug", Level.DEBUG, "info", Level.INFO,
            "warning", Level.WARN, "error", Level.ERROR, "critical", Level.ERROR, "exception", Level.ERROR);

    @Fn(name = "debug", doc = "Log message at level DEBUG. Returns True.", example = "jsalt '*' log.debug 'message'")
    @Fn(name = "info", doc = "Log message at level INFO. Returns True.", example = "jsalt '*' log.info 'message'")
    @Fn(name = "warning", doc = "Log message at level WARNING. Returns True.", example = "jsalt '*' log.warning 'message'")
    @Fn(name = "error", doc = "Log message at level ERROR. Returns True.", example = "jsalt '*' log.error 'message'")
    @Fn(name = "critical", doc = "Log message at level CRITICAL (the minion's ERROR level). Returns True.",
            example = "jsalt '*' log.critical 'message'")
    @Fn(name = "exception", doc = "Log message at level EXCEPTION (ERROR; there is no exception to add). Returns True.",
            example = "jsalt '*' log.exception 'message'")
    public Object log(Call c) {
        c.ctx().log().atLevel(LEVELS.get(c.function())).log("{}", c.requiredStr(0, "message"));
        return true;
    }
}
