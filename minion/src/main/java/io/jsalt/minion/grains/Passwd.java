package io.jsalt.minion.grains;

import io.jsalt.common.host.HostFiles;
import java.util.Optional;

/**
 * Local users and groups from /etc/passwd and /etc/group. Directory services (LDAP, sssd)
 * are not consulted; callers that need them fall back to {@code getent}.
 */
public final class Passwd {
    /** One /etc/passwd entry. */
    public record User(String name, long uid, long gid, String home, String shell) {}

    private Passwd() {}

    public static Optional<User> user(String name) {
        for (String line : HostFiles.lines("/etc/passwd")) {
            User u = parse(line);
            if (u != null && u.name().equals(name)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }

    public static User parse(String line) {
        String[] f = line.split(":", -1);
        if (f.length < 7) {
            return null;
        }
        try {
            return new User(f[0], Long.parseLong(f[2]), Long.parseLong(f[3]), f[5], f[6]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static String userName(long uid) {
        for (String line : HostFiles.lines("/etc/passwd")) {
            User u = parse(line);
            if (u != null && u.uid() == uid) {
                return u.name();
            }
        }
        return null;
    }

    public static String groupName(long gid) {
        for (String line : HostFiles.lines("/etc/group")) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[2].equals(String.valueOf(gid))) {
                return f[0];
            }
        }
        return null;
    }

    /** The effective uid of this process. */
    public static long effectiveUid() {
        String uid = HostFiles.colonPairs("/proc/self/status").get("Uid");
        if (uid != null) {
            String[] f = uid.trim().split("\\s+");
            if (f.length > 1) {
                return Long.parseLong(f[1]);
            }
        }
        return "root".equals(System.getProperty("user.name")) ? 0 : -1;
    }
}
