package io.jsalt.common.plugin;

/**
 * An error raised by a function's code outside the JVM (a custom Python module): it carries
 * the text Salt returns for it, so no Java stack trace stands in for the foreign one.
 */
public class ForeignError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String traceback;

    /**
     * @param jobReturn the job's return text, as Salt's minion words it
     * @param traceback the foreign traceback, what a state's comment shows after
     *                  "An exception occurred in this state: "
     */
    public ForeignError(String jobReturn, String traceback) {
        super(jobReturn);
        this.traceback = traceback;
    }

    public String traceback() {
        return traceback;
    }
}
