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
 * @param stateOutput  the highstate outputter's {@code state_output}: full (default), terse,
 *                     mixed, changes, filter, or one of those with {@code _id}
 * @param stateVerbose the highstate outputter's {@code state_verbose}: false hides states
 *                     that succeeded without changes
 */
public record OutputOptions(boolean color, Integer outputIndent, int nestedIndent, int retcode,
                            String stateOutput, boolean stateVerbose) {

    /** No colour, no indent override, retcode 0: what a pipe gets. */
    public static final OutputOptions PLAIN = new OutputOptions(false, null, 0, 0);

    /** Colours on, otherwise {@link #PLAIN}: what a terminal gets. */
    public static final OutputOptions COLOR = new OutputOptions(true, null, 0, 0);

    /** Options with the highstate defaults (full, verbose). */
    public OutputOptions(boolean color, Integer outputIndent, int nestedIndent, int retcode) {
        this(color, outputIndent, nestedIndent, retcode, "full", true);
    }

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
        return new OutputOptions(c, outputIndent, nestedIndent, retcode, stateOutput, stateVerbose);
    }

    public OutputOptions withOutputIndent(Integer i) {
        return new OutputOptions(color, i, nestedIndent, retcode, stateOutput, stateVerbose);
    }

    public OutputOptions withNestedIndent(int i) {
        return new OutputOptions(color, outputIndent, i, retcode, stateOutput, stateVerbose);
    }

    public OutputOptions withRetcode(int rc) {
        return new OutputOptions(color, outputIndent, nestedIndent, rc, stateOutput, stateVerbose);
    }

    /** {@code --state-output}; null keeps the current value. */
    public OutputOptions withStateOutput(String so) {
        return new OutputOptions(color, outputIndent, nestedIndent, retcode, so == null ? stateOutput : so, stateVerbose);
    }

    public OutputOptions withStateVerbose(boolean v) {
        return new OutputOptions(color, outputIndent, nestedIndent, retcode, stateOutput, v);
    }

    /**
     * The highstate options from the CLI, else the config ({@code state_output},
     * {@code state_verbose}), else Salt's defaults (full, verbose).
     */
    public OutputOptions withStateOptions(java.util.Map<String, Object> config, String cliOutput, Boolean cliVerbose) {
        String so = cliOutput != null ? cliOutput : config.get("state_output") != null
                ? String.valueOf(config.get("state_output")) : "full";
        boolean sv = cliVerbose != null ? cliVerbose : !config.containsKey("state_verbose")
                || io.jsalt.common.data.Data.truthy(config.get("state_verbose"));
        return new OutputOptions(color, outputIndent, nestedIndent, retcode, so, sv);
    }
}
