package io.jsalt.minion.files;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Owner, group and mode of a path as Salt's check_perms sees them: the wanted values that
 * differ become changes {@code {user, group, mode}} (mode a string like {@code '0644'}).
 * A null wanted value is left alone.
 */
public final class Perms {
    /** What a state asks for; any part may be null. */
    public record Want(String user, String group, String mode) {
        public static Want of(Object user, Object group, Object mode) {
            return new Want(user == null ? null : String.valueOf(user), group == null ? null : String.valueOf(group),
                    normalizeMode(mode));
        }

        public boolean isEmpty() {
            return user == null && group == null && mode == null;
        }
    }

    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
        PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

    private Perms() {}

    /**
     * Salt's normalize_mode: {@code 644}, {@code '0644'} and {@code '0o644'} all become
     * {@code '0644'}. An unquoted 0644 in SLS reaches here as the int 644, because Salt's YAML
     * loader reads leading-zero ints in base 10 ({@code io.jsalt.common.data.SaltSafeConstructor}).
     */
    public static String normalizeMode(Object mode) {
        if (mode == null) {
            return null;
        }
        String s = String.valueOf(mode).replace("0o", "0").replace("\"", "").replace("'", "").strip();
        s = s.replaceFirst("^0+", "");
        if (!s.matches("[0-7]{0,4}")) {
            throw new CommandExecutionError("'" + mode + "' is not a valid file mode");
        }
        return "0".repeat(Math.max(0, 4 - s.length())) + s;
    }

    /** A path's mode as Salt's file.get_mode: '0644'. */
    public static String mode(Path p) {
        try {
            int m = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
            return normalizeMode(Integer.toOctalString(m));
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot read the mode of " + p + ": " + e.getMessage(), e);
        }
    }

    public static String user(Path p) {
        try {
            return Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot read the owner of " + p + ": " + e.getMessage(), e);
        }
    }

    public static String group(Path p) {
        try {
            return Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes().group().getName();
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot read the group of " + p + ": " + e.getMessage(), e);
        }
    }

    /** Null when the wanted user and group exist, else Salt's "User x is not available" message. */
    public static String missingPrincipals(Want w) {
        UserPrincipalLookupService lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        StringBuilder b = new StringBuilder();
        if (w.user() != null) {
            try {
                lookup.lookupPrincipalByName(w.user());
            } catch (IOException e) {
                b.append("User ").append(w.user()).append(" is not available");
            }
        }
        if (w.group() != null) {
            try {
                lookup.lookupPrincipalByGroupName(w.group());
            } catch (IOException e) {
                b.append(b.length() > 0 ? " " : "").append("Group ").append(w.group()).append(" is not available");
            }
        }
        return b.length() == 0 ? null : b.toString();
    }

    /**
     * The owner check file.managed, file.directory, file.recurse and file.copy make first
     * (salt/states/file.py _check_user): Salt's message for a missing user or group, except in
     * test mode, where Salt only logs it (since 3006), because a state the dry run has not
     * applied, a user.present or a package's postinst, may create them before this one runs.
     */
    public static String missingPrincipals(Call c, Want w) {
        String missing = missingPrincipals(w);
        if (missing != null && c.ctx().test()) {
            c.ctx().log().warn(missing);
            return null;
        }
        return missing;
    }

    /** What would change on an existing path; links are judged themselves, not their targets. */
    public static Map<String, Object> diff(Path p, Want w) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (w.user() != null && !sameUser(p, w.user())) {
            out.put("user", w.user());
        }
        if (w.group() != null && !sameGroup(p, w.group())) {
            out.put("group", w.group());
        }
        if (w.mode() != null && !Files.isSymbolicLink(p) && !mode(p).equals(w.mode())) {
            out.put("mode", w.mode());
        }
        return out;
    }

    /** Applies the wanted values and returns what changed. */
    public static Map<String, Object> apply(Path p, Want w) {
        Map<String, Object> changes = diff(p, w);
        try {
            UserPrincipalLookupService lookup = p.getFileSystem().getUserPrincipalLookupService();
            if (changes.containsKey("user")) {
                UserPrincipal u = lookup.lookupPrincipalByName(w.user());
                Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(u);
            }
            if (changes.containsKey("group")) {
                GroupPrincipal g = lookup.lookupPrincipalByGroupName(w.group());
                Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setGroup(g);
            }
            if (changes.containsKey("mode")) {
                setMode(p, w.mode());
            }
        } catch (UserPrincipalNotFoundException e) {
            throw new CommandExecutionError(missingPrincipals(w), e);
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot set the permissions of " + p + ": " + e, e);
        }
        return changes;
    }

    /** Sets a 4-digit octal mode; setuid, setgid and sticky bits go through chmod(1). */
    public static void setMode(Path p, String mode) throws IOException {
        int m = Integer.parseInt(mode, 8);
        if ((m & 07000) != 0) {
            try {
                Process pr = new ProcessBuilder("chmod", mode, p.toString()).redirectErrorStream(true).start();
                String out = new String(pr.getInputStream().readAllBytes());
                if (pr.waitFor() != 0) {
                    throw new IOException("chmod " + mode + " " + p + ": " + out.strip());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((m & (1 << i)) != 0) {
                perms.add(BITS[i]);
            }
        }
        Files.setPosixFilePermissions(p, perms);
    }

    private static boolean sameUser(Path p, String want) {
        return sameOwner(p, want, "unix:uid", Perms::user);
    }

    private static boolean sameGroup(Path p, String want) {
        return sameOwner(p, want, "unix:gid", Perms::group);
    }

    /**
     * Whether the file's user or group is the wanted one: a number is compared with the id
     * ({@code idAttribute}), anything else with the name. An unreadable file matches nothing.
     */
    private static boolean sameOwner(Path p, String want, String idAttribute, Function<Path, String> name) {
        try {
            if (want.matches("\\d+")) {
                return ((Integer) Files.getAttribute(p, idAttribute, LinkOption.NOFOLLOW_LINKS)).toString().equals(want);
            }
            return name.apply(p).equals(want);
        } catch (IOException e) {
            return false;
        }
    }
}
