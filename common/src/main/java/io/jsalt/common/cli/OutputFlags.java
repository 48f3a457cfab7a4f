package io.jsalt.common.cli;

import io.jsalt.common.output.OutputOptions;
import picocli.CommandLine.Option;

/**
 * The output options Salt's commands share (salt, salt-run, salt-call): which outputter,
 * the json indent, and colour. A picocli mixin, so each command declares them once.
 */
public final class OutputFlags {
    @Option(names = {"--out", "--output"}, description = "Outputter: nested, json, yaml, txt, raw, ...")
    public String out;

    @Option(names = {"--out-indent", "--output-indent"}, description = "Indentation for the json outputter.")
    public Integer outIndent;

    @Option(names = {"--no-color", "--no-colour"}, description = "Never colour the output.")
    public boolean noColor;

    @Option(names = {"--force-color", "--force-colour"}, description = "Always colour the output.")
    public boolean forceColor;

    /** Whether to colour: the flags, else whether stdout is a terminal. */
    public boolean color() {
        return OutputOptions.colorFor(System.console() != null, noColor, forceColor);
    }

    /** Plain output options with these flags' colour and json indent. */
    public OutputOptions options() {
        return OutputOptions.PLAIN.withColor(color()).withOutputIndent(outIndent);
    }
}
