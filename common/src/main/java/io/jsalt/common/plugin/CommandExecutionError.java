package io.jsalt.common.plugin;

/**
 * Salt's CommandExecutionError: an expected failure whose message is the whole story.
 * The minion returns it as {@code "ERROR: <message>"} with retcode 1.
 */
public class CommandExecutionError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandExecutionError(String message) {
        super(message);
    }

    public CommandExecutionError(String message, Throwable cause) {
        super(message, cause);
    }
}
