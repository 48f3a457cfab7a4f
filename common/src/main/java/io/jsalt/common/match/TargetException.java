package io.jsalt.common.match;

/** A target that cannot be compiled: bad syntax, unknown type, engine or nodegroup. */
public class TargetException extends RuntimeException {
    public TargetException(String message) {
        super(message);
    }

    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
