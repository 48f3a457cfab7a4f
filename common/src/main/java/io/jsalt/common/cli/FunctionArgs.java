package io.jsalt.common.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/**
 * {@code FUNCTION [ARG ...]}, the command line of salt-call and salt-run: a picocli mixin,
 * so both declare the words and read them with Salt's argument parsing alike.
 */
public final class FunctionArgs {
    @Parameters(index = "0", paramLabel = "FUNCTION")
    public String fun;

    @Parameters(index = "1..*", paramLabel = "ARG")
    public List<String> words = new ArrayList<>();

    /** The ARG words as Salt's parse_input reads them: typed arguments and key=value keywords. */
    public ArgParser.Parsed parsed() {
        return ArgParser.parse(words);
    }
}
