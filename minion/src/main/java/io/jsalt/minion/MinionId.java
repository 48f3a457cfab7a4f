package io.jsalt.minion;

import io.jsalt.common.MinionIds;
import io.jsalt.common.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The minion id, as Salt picks it: the {@code id} option, else the id cached in
 * {@code CONFIG_DIR/minion_id}, else the host's fully qualified name (then cached).
 */
public final class MinionId {
    private MinionId() {}

    public static String resolve(Config config) {
        return resolve(MinionOptions.from(config));
    }

    public static String resolve(MinionOptions options) {
        String configured = options.id();
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        Path cached = options.configDir().resolve("minion_id");
        try {
            if (Files.isRegularFile(cached)) {
                String s = Files.readString(cached).trim();
                if (!s.isEmpty()) {
                    return checked(s, cached + ": ");
                }
            }
        } catch (IOException ignored) {
            // Fall through to the host name.
        }
        String host = checked(hostName(), "the host name gives no usable id (set 'id' in "
                + options.configDir().resolve(Config.Role.MINION.fileName()) + "): ");
        try {
            Files.createDirectories(cached.getParent());
            Files.writeString(cached, host + "\n");
        } catch (IOException ignored) {
            // Not cached: the host name is found again next start.
        }
        return host;
    }

    /** The id, or a config error naming where it came from (the configured id is checked by Config). */
    private static String checked(String id, String where) {
        String problem = MinionIds.problem(id);
        if (problem != null) {
            throw new Config.ConfigException(where + problem);
        }
        return id;
    }

    /**
     * Salt's generate_minion_id in short: the fully qualified name unless it is a localhost
     * name or an address, then the plain host name.
     */
    static String hostName() {
        try {
            String fqdn = java.net.InetAddress.getLocalHost().getCanonicalHostName();
            if (usable(fqdn)) {
                return fqdn;
            }
        } catch (IOException ignored) {
            // Use the host name below.
        }
        try {
            String host = Files.readString(Path.of("/etc/hostname")).trim();
            if (usable(host)) {
                return host;
            }
        } catch (IOException ignored) {
            // Fall through.
        }
        try {
            String host = java.net.InetAddress.getLocalHost().getHostName();
            if (usable(host)) {
                return host;
            }
        } catch (IOException ignored) {
            // Fall through.
        }
        return "localhost";
    }

    static boolean usable(String name) {
        return name != null && !name.isBlank() && !name.matches("[0-9.:]+")
                && !name.equals("localhost") && !name.startsWith("localhost.") && !name.startsWith("ip6-");
    }
}
