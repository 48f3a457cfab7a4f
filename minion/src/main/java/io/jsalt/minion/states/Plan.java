package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a state function would do to reach its state, worked out before anything is changed:
 * nothing, or the changes it would make, the comment Salt gives for them with {@code test=True},
 * and the action that makes them. {@link #run} is the one place that decides between reporting
 * and applying, so a state function never tests the test flag itself; this is Salt's pattern in
 * salt/states/*.py, where a function computes {@code ret['changes']}, returns with result None
 * and a "would" comment when {@code __opts__['test']} is set, and applies otherwise.
 */
final class Plan {
    /** Applies the plan and finishes the return: its changes, comment and, on failure, result. */
    @FunctionalInterface
    interface Apply {
        Map<String, Object> apply(Ret ret);
    }

    /** Applies the plan; the state then reports the plan's changes and its after-comment. */
    @FunctionalInterface
    interface Action {
        void run();
    }

    private final String same;
    private final String would;
    private final Apply apply;
    private Map<String, Object> changes = new LinkedHashMap<>();
    private String errorPrefix;

    private Plan(String same, String would, Apply apply) {
        this.same = same;
        this.would = would;
        this.apply = apply;
    }

    /** Nothing to do: the state is already as wanted; the comment says so. */
    static Plan nothing(String comment) {
        return new Plan(comment, null, null);
    }

    /** A change; {@code apply} finishes the return itself (its changes and comment). */
    static Plan change(String would, Apply apply) {
        return new Plan(null, would, apply);
    }

    /**
     * A change whose applied return is the planned changes (see {@link #showing}) with the
     * comment {@code done}: the usual case, where test mode and a real run report the same changes.
     */
    static Plan change(String would, String done, Action action) {
        Plan[] self = new Plan[1];
        self[0] = new Plan(null, would, ret -> {
            action.run();
            ret.changes.putAll(self[0].changes);
            return ret.done(done);
        });
        return self[0];
    }

    /** The changes the plan would make, reported in test mode. */
    Plan showing(Map<String, Object> planned) {
        this.changes = planned == null ? new LinkedHashMap<>() : planned;
        return this;
    }

    /**
     * An execution function failing while the plan is applied ends the state with result False
     * and this prefix before the error, as Salt's states catch CommandExecutionError.
     */
    Plan failingWith(String prefix) {
        this.errorPrefix = prefix;
        return this;
    }

    boolean isNothing() {
        return apply == null;
    }

    /**
     * Reports or applies the plan into {@code ret}: nothing to do keeps the result and sets the
     * comment; with {@code test=True} the result is None with the would-comment and the planned
     * changes; otherwise the action runs, and a {@link Ret.Failure} it throws (or an execution
     * error, when {@link #failingWith} was given) ends the state with result False.
     */
    Map<String, Object> run(Call c, Ret ret) {
        if (apply == null) {
            return ret.done(same);
        }
        if (c.ctx().test()) {
            ret.changes.putAll(changes);
            return ret.wouldChange(would);
        }
        try {
            return apply.apply(ret);
        } catch (Ret.Failure f) {
            return ret.fail(f.getMessage());
        } catch (CommandExecutionError e) {
            if (errorPrefix == null) {
                throw e;
            }
            return ret.fail(errorPrefix + e.getMessage());
        }
    }
}
