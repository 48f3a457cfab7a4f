package io.jsalt.common.cli;

import io.jsalt.common.output.OutputOptions;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How highstate results print (salt and salt-call): a picocli mixin; unset flags leave the
 * config's state_output and state_verbose in force (OutputOptions.withStateOptions).
 */
public final class StateOutputFlags {
    @Option(names = {"--state-output", "--state_output"}, paramLabel = "MODE",
            description = "Highstate output: full, terse, mixed, changes (add _id to show IDs for names).")
    public String stateOutput;

    @Option(names = {"--state-verbose", "--state_verbose"}, arity = "1", paramLabel = "BOOL",
            description = "False: leave out states that succeeded without changes.")
    public Boolean stateVerbose;

    /** The output options with these flags, or the config's state_output and state_verbose, in force. */
    public OutputOptions over(OutputOptions base, Map<String, Object> config) {
        return base.withStateOptions(config, stateOutput, stateVerbose);
    }
}
