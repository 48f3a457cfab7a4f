package io.jsalt.common.cli;

import io.jsalt.common.config.Config;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code -c/--config-dir} option every jsalt command takes, as Salt's commands take
 * {@code -c/--config-dir}: a picocli mixin, so each command declares it once.
 */
public final class ConfigDirOption {
    /** Where the config files are when {@code -c} is not given (Salt's /etc/salt). */
    public static final String DEFAULT = "/etc/jsalt";

    @Option(names = {"-c", "--config-dir"}, defaultValue = DEFAULT,
            description = "Directory holding the 'master' and 'minion' config files (default: ${DEFAULT-VALUE}).")
    public Path configDir;

    /** The config file of this role in the chosen directory. */
    public Config load(Config.Role role) {
        return Config.load(role, configDir);
    }
}
