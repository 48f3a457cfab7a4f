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
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, cmd.getErr()));
        return cl.execute(args);
    }

    /**
     * A command's failure as jsalt reports it: bad configuration or data, a bad argument, an
     * I/O error or a refused state is one "ERROR: ..." line and exit code 1; anything else
     * is a bug and keeps its stack trace (rethrown).
     */
    public static int handle(Exception ex, java.io.PrintWriter err) throws Exception {
        if (ex instanceof Config.ConfigException || ex instanceof Yaml.DataException
                || ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                || ex instanceof IllegalStateException) {
            err.println("ERROR: " + ex.getMessage());
            err.flush();
            return 1;
        }
        throw ex;
    }
}
