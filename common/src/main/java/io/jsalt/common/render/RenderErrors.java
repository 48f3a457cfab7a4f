package io.jsalt.common.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError.ErrorReason;
import com.hubspot.jinjava.interpret.TemplateError.ErrorType;
import com.hubspot.jinjava.interpret.TemplateError;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.FunctionNotAvailable;
import io.jsalt.common.plugin.InvocationError;

/** Turns Jinjava's errors and exceptions into RenderExceptions naming file and line. */
final class RenderErrors {
    private RenderErrors() {}

    /** Jinja2 fails on all of these; Jinjava would log them and print an empty string. */
    static boolean isFatal(TemplateError e) {
        if (e.getSeverity() == ErrorType.FATAL) {
            return true;
        }
        ErrorReason r = e.getReason();
        return r != ErrorReason.UNKNOWN && r != ErrorReason.OTHER && r != ErrorReason.BAD_URL;
    }

    /** The file being rendered right now: an included file, a macro's file, or the top. */
    static String currentFile(JinjavaInterpreter interpreter) {
        return interpreter.getContext().getCurrentPathStack().peek()
                .orElseGet(() -> SaltInterpreter.state(interpreter).topFile());
    }

    static RuntimeException fromTemplateError(JinjavaInterpreter interpreter, TemplateError e) {
        RenderException nested = find(e.getException(), RenderException.class);
        if (nested != null) {
            return nested;
        }
        return new RenderException(currentFile(interpreter), e.getLineno(), describe(e.getMessage(), e.getException()),
                e.getException());
    }

    /** A RenderException for any exception escaping a render of {@code file}. */
    static RenderException fromThrowable(String file, int line, Throwable t) {
        RenderException nested = find(t, RenderException.class);
        if (nested != null) {
            return nested;
        }
        return new RenderException(file, line, describe(t.getMessage(), t), t);
    }

    static String describe(String message, Throwable t) {
        Throwable salt = find(t, FunctionNotAvailable.class);
        if (salt == null) {
            salt = find(t, CommandExecutionError.class);
        }
        if (salt == null) {
            salt = find(t, InvocationError.class);
        }
        if (salt != null) {
            return "Problem running salt function in Jinja template: " + salt.getMessage();
        }
        Throwable unsafe = find(t, FileRoots.UnsafePathException.class);
        if (unsafe != null) {
            return unsafe.getMessage();
        }
        Throwable known = find(t, TemplateProblem.class);
        if (known != null) {
            return known.getMessage();
        }
        return clean(message == null && t != null ? String.valueOf(t) : message);
    }

    /** Drops Jinjava's wrapper phrases, keeping what went wrong. */
    static String clean(String message) {
        if (message == null) {
            return "unknown error";
        }
        String m = message;
        m = m.replaceFirst("^Error resolving expression \\[(.*?)\\]: [A-Za-z.]*(Exception|Error): ", "$1: ");
        m = m.replaceFirst("^ELException: ", "");
        m = m.replaceFirst("^Error in filter '([^']*)': ", "filter '$1': ");
        return m;
    }

    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** A problem found by our own tags and filters; its message is the whole story. */
    static final class TemplateProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TemplateProblem(String message) {
            super(message);
        }
    }
}
