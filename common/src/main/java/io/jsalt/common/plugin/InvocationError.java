package io.jsalt.common.plugin;

/**
 * Salt's SaltInvocationError: the caller passed bad arguments. Returned as
 * {@code "ERROR executing 'mod.fun': <message>"} with retcode 1.
 */
public class InvocationError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvocationError(String message) {
        super(message);
    }
}
