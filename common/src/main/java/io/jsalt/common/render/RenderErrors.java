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

    private static final String SALT_FUNCTION = "Problem running salt function in Jinja template: ";

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
        boolean syntax = e.getReason() == ErrorReason.SYNTAX_ERROR;
        return new RenderException(currentFile(interpreter), e.getLineno(),
                header(describe(e.getMessage(), e.getException()), e.getException(), syntax), e.getException());
    }

    /** A RenderException for any exception escaping a render of {@code file}. */
    static RenderException fromThrowable(String file, int line, Throwable t) {
        RenderException nested = find(t, RenderException.class);
        if (nested != null) {
            return nested;
        }
        return new RenderException(file, line, header(describe(t.getMessage(), t), t, false), t);
    }

    /**
     * Salt's header for a Jinja failure (salt/utils/templates.py render_jinja_tmpl): Jinja2's
     * syntax and assertion errors (an unknown filter or test) are a "Jinja syntax error",
     * Salt function failures say so already, anything else is a "Jinja error".
     */
    private static String header(String problem, Throwable t, boolean syntax) {
        if (problem.startsWith(SALT_FUNCTION)) {
            return problem;
        }
        if (find(t, Undefined.Problem.class) != null) {
            return "Jinja variable " + problem;
        }
        TemplateProblem known = find(t, TemplateProblem.class);
        boolean isSyntax = known != null ? known.syntax
                : syntax || find(t, com.hubspot.jinjava.interpret.TemplateSyntaxException.class) != null;
        return (isSyntax ? "Jinja syntax error: " : "Jinja error: ") + problem;
    }

    /**
     * The error with Salt's excerpt of the template around its line (SaltRenderError with
     * salt/utils/stringutils.py get_context): five lines either side, {@code [...]} where
     * lines are left out, the failing line marked. {@code source} is the failing file's text.
     */
    static RenderException withContext(RenderException e, String source) {
        if (source == null || e.line() <= 0 || e.problem().contains("\n---\n")) {
            return e;
        }
        java.util.List<String> lines = io.jsalt.common.py.PyText.splitlines(source);
        if (e.line() > lines.size()) {
            return e; // Salt prints the whole template here; a wrong line number helps no one
        }
        int start = Math.max(0, e.line() - 5 - 1);
        int end = Math.min(lines.size(), e.line() + 5);
        StringBuilder sb = new StringBuilder(e.problem()).append("; line ").append(e.line()).append("\n\n---\n");
        if (start > 0) {
            sb.append("[...]\n");
        }
        for (int i = start; i < end; i++) {
            sb.append(lines.get(i)).append(i == e.line() - 1 ? "    <======================" : "").append('\n');
        }
        if (end < lines.size()) {
            sb.append("[...]\n");
        }
        sb.append("---");
        return new RenderException(e.file(), e.line(), sb.toString(), e.getCause() != null ? e.getCause() : e);
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
            return SALT_FUNCTION + salt.getMessage();
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
        m = parseError(m);
        // Java class names mean nothing to a Salt user: say what Python would call the type.
        m = m.replaceAll("(of )?class java\\.lang\\.(Long|Integer)", "int")
                .replaceAll("(of )?class java\\.lang\\.Double", "float")
                .replaceAll("(of )?class java\\.lang\\.String", "str")
                .replaceAll("(of )?class java\\.lang\\.Boolean", "bool")
                .replaceAll("(of )?class [\\w.$]*(PyList|List|PyTuple)\\b", "list")
                .replaceAll("(of )?class [\\w.$]*(PyMap|Map)\\b", "dict")
                .replaceAll("(of )?class [a-z][\\w$]*\\.([\\w.$]*\\.)?([A-Z][\\w$]*)", "$3");
        return m;
    }

    private static final java.util.regex.Pattern PARSE_ERROR = java.util.regex.Pattern.compile(
            "^Error parsing '(.*)': syntax error at position ([^,]+(?:,\\d+)*), encountered (.+?), expected .*$",
            java.util.regex.Pattern.DOTALL);

    /**
     * Jinjava's parse error echoes the whole expression and lists every token it expected;
     * Jinja2 says {@code unexpected ')'}. A short expression is quoted, a long one not at all.
     */
    private static String parseError(String m) {
        java.util.regex.Matcher p = PARSE_ERROR.matcher(m);
        if (!p.matches()) {
            return m;
        }
        String token = p.group(3).strip();
        token = token.equals("<EOF>") ? "'end of expression'" : token;
        String expr = p.group(1).strip();
        return "unexpected " + token + (expr.length() <= 80 && expr.indexOf('\n') < 0 ? " in '" + expr + "'" : "");
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
    static class TemplateProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** Jinja2 reports it as a syntax (assertion) error, not a runtime one. */
        final boolean syntax;

        TemplateProblem(String message) {
            this(message, false);
        }

        TemplateProblem(String message, boolean syntax) {
            super(message, new FormatSafeRoot(message));
            this.syntax = syntax;
        }
    }

    /**
     * The root cause under every {@link TemplateProblem}. When an expression fails inside a
     * macro, Jinjava builds its own message with String.format from the root cause's message,
     * so a '%' in a template's text (`raise('only 10.0.0.% here')`) would throw there and
     * lose the problem; this root carries the message with '%' doubled, which that format
     * turns back into one. The problem's own message is what jsalt reports.
     */
    static final class FormatSafeRoot extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FormatSafeRoot(String message) {
            super(message == null ? null : message.replace("%", "%%"), null, false, false);
        }
    }
}
