package io.jsalt.master.rsync;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders rsyncd.conf and the per-module secrets files from {@link RsyncHubConfig}. The
 * daemon runs as the master's user: without root it cannot chroot or change user, so
 * those default off; as root it chroots into each module and keeps root's ids unless the
 * module sets uid/gid (rsync's own default, nobody, could not write the master's dirs).
 */
public final class RsyncdConf {
    private RsyncdConf() {}

    /** The secrets file of a module, under the hub's directory. */
    public static Path secretsFile(Path dir, String module) {
        return dir.resolve("secrets").resolve(module + ".secrets");
    }

    public static String render(RsyncHubConfig cfg, Path dir, boolean root) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by jsalt-master from rsync_hub in the master config; edits are overwritten.\n");
        sb.append("log file = ").append(dir.resolve("rsyncd.log")).append('\n');
        sb.append("reverse lookup = no\n");
        for (RsyncHubConfig.Module m : cfg.modules().values()) {
            sb.append('\n').append('[').append(m.name()).append("]\n");
            line(sb, "path", m.path());
            if (!m.comment().isEmpty()) {
                line(sb, "comment", m.comment());
            }
            line(sb, "read only", m.readOnly() ? "yes" : "no");
            if (!m.authUsers().isEmpty()) {
                line(sb, "auth users", String.join(", ", m.authUsers()));
                line(sb, "secrets file", secretsFile(dir, m.name()).toString());
            }
            if (!m.hostsAllow().isEmpty()) {
                line(sb, "hosts allow", String.join(" ", m.hostsAllow()));
            }
            Map<String, String> extra = m.extra();
            if (!extra.containsKey("use chroot")) {
                line(sb, "use chroot", root ? "yes" : "no");
            }
            if (root && !extra.containsKey("uid")) {
                line(sb, "uid", "0");
            }
            if (root && !extra.containsKey("gid")) {
                line(sb, "gid", "0");
            }
            extra.forEach((k, v) -> line(sb, k, v));
        }
        return sb.toString();
    }

    /** "user:password" lines, as rsync's secrets file wants them. */
    public static String secrets(RsyncHubConfig.Module m) {
        List<String> lines = new ArrayList<>();
        m.secrets().forEach((u, p) -> lines.add(u + ":" + p));
        return String.join("\n", lines) + "\n";
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append("    ").append(key).append(" = ").append(value).append('\n');
    }
}
