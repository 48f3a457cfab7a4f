package io.jsalt.common.cli;

import io.jsalt.common.config.Config;
import io.jsalt.common.data.Yaml;
import picocli.CommandLine;

/** Runs a picocli command with jsalt's error handling: one clear line, no stack trace. */
public final class Commands {
    private Commands() {}

    /**
     * The picocli command line every jsalt command is read with. Salt's commands take no @file
     * arguments: '@x' is a word like any other (so the CLI's own reading of common command lines
     * and picocli read it alike).
     */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setExpandAtFiles(false);
        return cl;
    }

    /**
     * Salt's exit code for a command line it cannot parse (salt.defaults.exitcodes.EX_USAGE,
     * which salt/utils/parsers.py's OptionParser.error exits with).
     */
    public static final int EX_USAGE = 64;

    public static int run(Object command, String[] args) {
        CommandLine cl = commandLine(command);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, cmd.getErr()));
        cl.setParameterExceptionHandler(Commands::usageError);
        return cl.execute(args);
    }

    /**
     * A command line that does not parse, reported as Salt's optparse-based CLIs do: the usage
     * line, then "PROG: error: no such option: -J" for an unknown option (an option is never
     * taken for the target or an argument; "--" ends the options), and exit code 64.
     */
    static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        java.io.PrintWriter err = cmd.getErr();
        String prog = cmd.getCommandName();
        String msg = ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            msg = first.startsWith("-") ? "no such option: " + first : "unexpected argument: " + first;
        }
        err.print("Usage: " + cmd.getHelp().synopsis(0));
        err.println();
        err.println(prog + ": error: " + msg);
        err.flush();
        return EX_USAGE;
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
