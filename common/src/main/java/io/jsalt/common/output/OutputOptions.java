package io.jsalt.common.output;

/**
 * What Salt's outputters read from {@code __opts__} and their keyword arguments.
 *
 * @param color        ANSI colours on; see {@link #colorFor} for how the CLI decides
 * @param outputIndent {@code --out-indent} / {@code output_indent}; null when not given,
 *                     which is not the same as 0 (json then indents 4, yaml uses its default)
 * @param nestedIndent base indent of the nested outputter ({@code nested_indent})
 * @param retcode      the return's retcode ({@code _retcode}): nested paints keys red when
 *                     it is not 0
 */
public record OutputOptions(boolean color, Integer outputIndent, int nestedIndent, int retcode) {

    /** No colour, no indent override, retcode 0: what a pipe gets. */
    public static final OutputOptions PLAIN = new OutputOptions(false, null, 0, 0);

    /** Colours on, otherwise {@link #PLAIN}: what a terminal gets. */
    public static final OutputOptions COLOR = new OutputOptions(true, null, 0, 0);

    /**
     * Salt's rule (salt.output.get_printout): {@code --force-color} wins, then
     * {@code --no-color} or a stdout that is not a terminal turn colours off.
     */
    public static boolean colorFor(boolean stdoutIsTty, boolean noColor, boolean forceColor) {
        if (forceColor) {
            return true;
        }
        return !noColor && stdoutIsTty;
    }

    public OutputOptions withColor(boolean c) {
        return new OutputOptions(c, outputIndent, nestedIndent, retcode);
    }

    public OutputOptions withOutputIndent(Integer i) {
        return new OutputOptions(color, i, nestedIndent, retcode);
    }

    public OutputOptions withNestedIndent(int i) {
        return new OutputOptions(color, outputIndent, i, retcode);
    }

    public OutputOptions withRetcode(int rc) {
        return new OutputOptions(color, outputIndent, nestedIndent, rc);
    }
}
