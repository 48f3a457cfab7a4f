package io.jsalt.common.cli;

import io.jsalt.common.config.Config;
import io.jsalt.common.data.Yaml;
import picocli.CommandLine;

/** Runs a picocli command with jsalt's error handling: one clear line, no stack trace. */
public final class Commands {
    private Commands() {}

    public static int run(Object command, String[] args) {
        CommandLine cl = new CommandLine(command);
        cl.setUnmatchedOptionsArePositionalParams(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof Config.ConfigException || ex instanceof Yaml.DataException
                    || ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                    || ex instanceof IllegalStateException) {
                cmd.getErr().println("ERROR: " + ex.getMessage());
                return 1;
            }
            throw ex;
        });
        return cl.execute(args);
    }
}
