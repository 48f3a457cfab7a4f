package io.jsalt.common.match;

/**
 * A nodegroup that cannot be expanded: unknown, or including itself. Salt's nodegroup_comp
 * (salt/utils/minions.py) logs these and expands the word to nothing, so the job usually
 * matches no minion; callers that mirror Salt's exit codes treat it as "nothing matched".
 */
public class NodegroupException extends TargetException {
    public NodegroupException(String message) {
        super(message);
    }

    /** Whether {@code e} is, or was caused by, a failed nodegroup expansion. */
    public static boolean isCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NodegroupException) {
                return true;
            }
        }
        return false;
    }
}
