package io.jsalt.common.plugin;

/** No such function, or its module is unavailable here; the message is Salt's. */
public class FunctionNotAvailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FunctionNotAvailable(String message) {
        super(message);
    }
}
