package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;

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

    @Fn(doc = "Log message at level DEBUG. Returns True.", example = "jsalt '*' log.debug 'message'")
    public Object debug(Call c) {
        c.ctx().log().debug("{}", message(c));
        return true;
    }

    @Fn(doc = "Log message at level INFO. Returns True.", example = "jsalt '*' log.info 'message'")
    public Object info(Call c) {
        c.ctx().log().info("{}", message(c));
        return true;
    }

    @Fn(doc = "Log message at level WARNING. Returns True.", example = "jsalt '*' log.warning 'message'")
    public Object warning(Call c) {
        c.ctx().log().warn("{}", message(c));
        return true;
    }

    @Fn(doc = "Log message at level ERROR. Returns True.", example = "jsalt '*' log.error 'message'")
    public Object error(Call c) {
        c.ctx().log().error("{}", message(c));
        return true;
    }

    @Fn(doc = "Log message at level CRITICAL (the minion's ERROR level). Returns True.",
            example = "jsalt '*' log.critical 'message'")
    public Object critical(Call c) {
        c.ctx().log().error("{}", message(c));
        return true;
    }

    @Fn(doc = "Log message at level EXCEPTION (ERROR; there is no exception to add). Returns True.",
            example = "jsalt '*' log.exception 'message'")
    public Object exception(Call c) {
        c.ctx().log().error("{}", message(c));
        return true;
    }

    private static String message(Call c) {
        return c.requiredStr(0, "message");
    }
}
