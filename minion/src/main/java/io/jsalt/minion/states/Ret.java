package io.jsalt.minion.states;

import io.jsalt.common.state.StateResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** A state's return being built: Salt's ret dict, ending as {@link StateResult#toMap()}. */
final class Ret {
    final String name;
    Boolean result = true;
    Map<String, Object> changes = new LinkedHashMap<>();
    String comment = "";

    Ret(String name) {
        this.name = name;
    }

    Map<String, Object> done(String text) {
        comment = text;
        return toMap();
    }

    Map<String, Object> fail(String text) {
        result = false;
        comment = text;
        return toMap();
    }

    /** In test mode: would change. */
    Map<String, Object> wouldChange(String text) {
        result = null;
        comment = text;
        return toMap();
    }

    Map<String, Object> toMap() {
        return new StateResult(name, result, changes, comment).toMap();
    }

    /** Thrown inside a state to end it with result False and this comment. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String comment) {
            super(comment, null, false, false);
        }
    }
}
