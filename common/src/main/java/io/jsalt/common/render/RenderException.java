package io.jsalt.common.render;

/**
 * A template or SLS file failed to render. The message names the file and, when known,
 * the line: {@code "redis/init.sls, line 12: No filter named 'nofilter'."}.
 */
public final class RenderException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final String problem;

    public RenderException(String file, int line, String problem, Throwable cause) {
        super(file + (line > 0 ? ", line " + line : "") + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** What went wrong, without the file and line. */
    public String problem() {
        return problem;
    }

    /** The file the error is in, relative to its root ({@code redis/map.jinja}). */
    public String file() {
        return file;
    }

    /** The 1-based line of the error, or -1 when unknown. */
    public int line() {
        return line;
    }
}
