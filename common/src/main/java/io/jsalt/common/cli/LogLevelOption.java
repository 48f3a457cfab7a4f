package io.jsalt.common.cli;

import picocli.CommandLine.Option;

/**
 * The {@code -l/--log-level} option of Salt's commands (the console log level): a picocli
 * mixin, so each command declares it once. jsalt-key has no {@code -l}, which is its
 * {@code --list}, as in salt-key.
 */
public final class LogLevelOption {
    @Option(names = {"-l", "--log-level"}, description = "Console log level (default: warning).")
    public String logLevel;
}
