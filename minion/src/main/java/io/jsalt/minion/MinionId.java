package io.jsalt.minion;

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
        Object configured = config.get("id");
        if (configured != null && !String.valueOf(configured).isBlank()) {
            return String.valueOf(configured).trim();
        }
        Path cached = config.configDir().resolve("minion_id");
        try {
            if (Files.isRegularFile(cached)) {
                String s = Files.readString(cached).trim();
                if (!s.isEmpty()) {
                    return s;
                }
            }
        } catch (IOException ignored) {
            // Fall through to the host name.
        }
        String host = hostName();
        try {
            Files.createDirectories(cached.getParent());
            Files.writeString(cached, host + "\n");
        } catch (IOException ignored) {
            // Not cached: the host name is found again next start.
        }
        return host;
    }

    static String hostName() {
        try {
            String fqdn = java.net.InetAddress.getLocalHost().getCanonicalHostName();
            if (fqdn != null && !fqdn.isBlank() && !fqdn.matches("[0-9.:]+")) {
                return fqdn;
            }
        } catch (IOException ignored) {
            // Use /etc/hostname below.
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
