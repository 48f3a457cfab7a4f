package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.py.Hashlib;
import io.jsalt.minion.files.FileIo;
import io.jsalt.minion.files.Perms;
import io.jsalt.minion.grains.Passwd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Salt's ssh module (salt/modules/ssh.py); its known_hosts functions are {@link KnownHosts}. Keys of
 * authorized_keys files are read as Salt
 * reads them (options, type, base64 key, comment; lines whose key is not base64 are skipped),
 * new keys are appended, changed ones replaced in place, comments and other keys kept.
 */
public final class SshModule implements ExecutionPlugin {
    private static final Pattern LINE = Pattern.compile("^(.*?)\\s?((?:sk-)?(?:ssh-|ecds)[\\w-]+\\s.+)$");
    private static final Pattern REPLACE = Pattern.compile(
            "((.*)\\s)?((?:sk-)?(?:ssh|ecdsa)-[a-z0-9@.-]+)\\s([a-zA-Z0-9+/]+={0,2})(\\s(.*))?");
    private static final Map<String, String> ENC = encodings();

    @Override
    public String name() {
        return "ssh";
    }

    @Override
    public String doc() {
        return """
                Manage client ssh components: the authorized_keys and known_hosts files of users.

                Difference from Salt: the user owns the directory of these files, so jsalt never writes one \
                through a symbolic link (the file or its directory): it refuses, naming the link.""";
    }

    @Fn(doc = "Return the authorized keys for users: {key: {enc, comment, options, fingerprint}}.\n\n"
            + "config\n    The authorized keys file, relative to the user's home unless absolute; %h is the "
            + "home, %u the user (default .ssh/authorized_keys).\n"
            + "fingerprint_hash_type\n    The hash for the fingerprints (default sha256).",
            example = "jsalt '*' ssh.auth_keys root")
    public Object auth_keys(Call c) {
        String user = c.requiredStr(0, "user");
        Path file = configFile(c, user, c.str(1, "config", ".ssh/authorized_keys"));
        return Files.isRegularFile(file) ? keys(file, c.str(2, "fingerprint_hash_type", null)) : new LinkedHashMap<>();
    }

    @Fn(doc = "Check whether a key is authorized for a user: 'add' (not there), 'update' (there with "
            + "another type, comment or options) or 'exists'.",
            example = "jsalt '*' ssh.check_key root AAAAB3NzaC1yc2E... enc=ssh-rsa")
    public Object check_key(Call c) {
        String user = c.requiredStr(0, "user");
        String key = c.requiredStr(1, "key");
        return check(c, user, key, refineEnc(c.str(2, "enc", "ssh-rsa")), c.str(3, "comment", ""),
                options(c.arg(4, "options", null)), c.str(5, "config", ".ssh/authorized_keys"),
                c.str(7, "fingerprint_hash_type", null));
    }

    @Fn(doc = "Add a key to the authorized_keys file of a user. Returns 'new', 'replace' (the key was "
            + "there with another type, comment or options), 'no change', 'invalid' (the key has spaces), "
            + "'Invalid public key' (not base64) or 'fail' (no such user, or the home directory is missing).",
            example = "jsalt '*' ssh.set_auth_key root AAAAB3NzaC1yc2E... enc=ssh-rsa comment=admin")
    public Object set_auth_key(Call c) {
        String user = c.requiredStr(0, "user");
        String key = c.requiredStr(1, "key");
        if (key.strip().split("\\s+").length > 1) {
            return "invalid";
        }
        String enc = refineEnc(c.str(2, "enc", "ssh-rsa"));
        String comment = c.str(3, "comment", "");
        List<String> options = options(c.arg(4, "options", null));
        String config = c.str(5, "config", ".ssh/authorized_keys");
        String hashType = c.str(7, "fingerprint_hash_type", null);
        Map<String, Object> uinfo = userInfo(c, user);
        if (uinfo.isEmpty()) {
            return "fail";
        }
        if (fingerprint(key, hashType) == null) {
            return "Invalid public key";
        }
        String status = check(c, user, key, enc, comment, options, config, hashType);
        Path file = configFile(c, user, config);
        String line = authLine(key, enc, comment, options);
        if (status.equals("update")) {
            replace(file, key, line);
            return "replace";
        }
        if (status.equals("exists")) {
            return "no change";
        }
        String home = String.valueOf(uinfo.getOrDefault("home", ""));
        if (file.toString().startsWith(home) && !Files.isDirectory(Path.of(home))) {
            return "fail";
        }
        String owner = String.valueOf(uinfo.get("name"));
        String group = Passwd.groupName(((Number) uinfo.get("gid")).longValue());
        boolean root = Passwd.effectiveUid() == 0;
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Perms.apply(dir, new Perms.Want(root ? owner : null, root ? group : null, "0700"));
            }
            boolean isNew = !Files.isRegularFile(file);
            String old = isNew ? "" : FileIo.readText(file);
            String sep = !old.isEmpty() && !old.endsWith("\n") ? "\n" : "";
            appendNoFollow(file, sep + line);
            if (isNew) {
                Perms.apply(file, new Perms.Want(root ? owner : null, root ? group : null, "0600"));
            }
        } catch (IOException e) {
            throw new CommandExecutionError("Could not write to key file: " + e.getMessage());
        }
        return "new";
    }

    @Fn(doc = "Remove a key from the authorized_keys file of a user. Returns 'Key removed', 'Key not present' "
            + "or 'Key not removed' (the file could not be written).\n\nconfig\n    As for auth_keys.",
            example = "jsalt '*' ssh.rm_auth_key root AAAAB3NzaC1yc2E...")
    public Object rm_auth_key(Call c) {
        String user = c.requiredStr(0, "user");
        String key = c.requiredStr(1, "key");
        Path file = configFile(c, user, c.str(2, "config", ".ssh/authorized_keys"));
        if (!Files.isRegularFile(file) || !keys(file, c.str(3, "fingerprint_hash_type", null)).containsKey(key)) {
            return "Key not present";
        }
        // Salt's rm_auth_key: blank lines and lines that are no key are dropped, comments kept.
        StringBuilder b = new StringBuilder();
        for (String raw : FileIo.readText(file).split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                b.append(line).append('\n');
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String[] comps = m.group(2).strip().split("\\s+");
            if (comps.length >= 2 && comps[1].equals(key)) {
                continue;
            }
            b.append(line).append('\n');
        }
        Path target = writable(file);
        try {
            FileIo.writeText(target, b.toString());
        } catch (CommandExecutionError e) {
            return "Key not removed";
        }
        return "Key removed";
    }

    @Fn(doc = "The known_hosts entries of a host, [{hostname, key, enc, fingerprint}], or None.\n\n"
            + "config\n    The file, relative to the user's home (default .ssh/known_hosts; without a user "
            + "/etc/ssh/ssh_known_hosts).\nport\n    The host's ssh port when not 22.",
            example = "jsalt '*' ssh.get_known_host_entries root github.com")
    public Object get_known_host_entries(Call c) {
        return KnownHosts.entries(c, c.str(0, "user", null), c.requiredStr(1, "hostname"), c.str(2, "config", null),
                port(c.arg(3, "port", null)), c.str(4, "fingerprint_hash_type", null));
    }

    @Fn(doc = "Check a host's known_hosts entry against a key or a fingerprint: 'add' (no entry), 'update' "
            + "(none matches) or 'exists'.", example = "jsalt '*' ssh.check_known_host root github.com key=AAAA...")
    public Object check_known_host(Call c) {
        return KnownHosts.check(c, c.str(0, "user", null), c.requiredStr(1, "hostname"), c.str(2, "key", null),
                c.str(3, "fingerprint", null), c.str(4, "config", null), port(c.arg(5, "port", null)),
                c.str(6, "fingerprint_hash_type", null));
    }

    @Fn(doc = "Remove every key of a host from a known_hosts file (ssh-keygen -R).",
            example = "jsalt '*' ssh.rm_known_host root github.com")
    public Object rm_known_host(Call c) {
        return KnownHosts.remove(c, c.str(0, "user", null), c.requiredStr(1, "hostname"), c.str(2, "config", null),
                port(c.arg(3, "port", null)));
    }

    @Fn(doc = "Save a host's key in a known_hosts file: key (with enc) as given, or else the host's keys from "
            + "ssh-keyscan, checked against fingerprint. Returns {status: exists|updated|error, ...}.\n\n"
            + "hash_known_hosts\n    Hash the host names (default True).\ntimeout\n    ssh-keyscan's timeout (5).",
            example = "jsalt '*' ssh.set_known_host root github.com key=AAAA... enc=ssh-ed25519")
    public Object set_known_host(Call c) {
        return KnownHosts.set(c, c.str(0, "user", null), c.requiredStr(1, "hostname"), c.str(2, "fingerprint", null),
                c.str(3, "key", null), port(c.arg(4, "port", null)), c.str(5, "enc", null), c.str(6, "config", null),
                c.bool(7, "hash_known_hosts", true), (int) c.integer(8, "timeout", 5), c.str(9, "fingerprint_hash_type", null));
    }

    @Fn(doc = "Fetch a host's public keys with ssh-keyscan: [{hostname, key, enc, fingerprint}], or None.",
            example = "jsalt '*' ssh.recv_known_host_entries github.com")
    public Object recv_known_host_entries(Call c) {
        return KnownHosts.receive(c.requiredStr(0, "hostname"), c.str(1, "enc", null), port(c.arg(2, "port", null)),
                c.bool(3, "hash_known_hosts", true), (int) c.integer(4, "timeout", 5), c.str(5, "fingerprint_hash_type", null));
    }

    /** A port argument as a number; a value that is not one is named. */
    private static Integer port(Object o) {
        if (o == null || String.valueOf(o).isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(String.valueOf(o).strip());
        } catch (NumberFormatException e) {
            throw new CommandExecutionError("port must be a number, not '" + o + "'");
        }
    }

    private String check(Call c, String user, String key, String enc, String comment, List<String> options,
                         String config, String hashType) {
        Path file = configFile(c, user, config);
        Map<String, Object> current = Files.isRegularFile(file) ? keys(file, hashType) : Map.of();
        if (!current.containsKey(key)) {
            return "add";
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> cur = (Map<String, Object>) current.get(key);
        @SuppressWarnings("unchecked")
        List<String> curOptions = (List<String>) cur.get("options");
        String cline = authLine(key, String.valueOf(cur.get("enc")), String.valueOf(cur.get("comment")), curOptions);
        return cline.equals(authLine(key, enc, comment, options)) ? "exists" : "update";
    }

    /** Salt's _format_auth_line. */
    static String authLine(String key, String enc, String comment, List<String> options) {
        String opts = options == null || options.isEmpty() ? "" : String.join(",", options) + " ";
        return opts + enc + " " + key + " " + comment + "\n";
    }

    private static List<String> options(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else if (o != null && !String.valueOf(o).isEmpty()) {
            out.addAll(Arrays.asList(String.valueOf(o).split(",")));
        }
        return out;
    }

    /** Salt's _validate_keys: {key: {enc, comment, options, fingerprint}}. */
    private static Map<String, Object> keys(Path file, String hashType) {
        Map<String, Object> ret = new LinkedHashMap<>();
        for (String raw : FileIo.readText(file).split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.find()) {
                continue;
            }
            String[] comps = m.group(2).strip().split("\\s+");
            if (comps.length < 2) {
                continue;
            }
            String fp = fingerprint(comps[1], hashType);
            if (fp == null) {
                continue;
            }
            Map<String, Object> k = new LinkedHashMap<>();
            k.put("enc", comps[0]);
            k.put("comment", String.join(" ", Arrays.asList(comps).subList(2, comps.length)));
            k.put("options", m.group(1).isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(m.group(1).split(","))));
            k.put("fingerprint", fp);
            ret.put(comps[1], k);
        }
        return ret;
    }

    /** Salt's _replace_auth_key: the key's line rewritten, blank lines dropped, the rest kept. */
    private static void replace(Path file, String key, String authLine) {
        StringBuilder b = new StringBuilder();
        for (String raw : FileIo.readText(file).split("\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = REPLACE.matcher(line);
            b.append(!line.startsWith("#") && m.find() && key.equals(m.group(4)) ? authLine : line + "\n");
        }
        FileIo.writeText(writable(file), b.toString());
    }

    /** The base64 key's hash as colon-separated hex, or null when the key is not strict base64. */
    static String fingerprint(String key, String hashType) {
        byte[] raw;
        try {
            if (key.length() % 4 != 0) {
                return null;
            }
            raw = Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            return null;
        }
        String type = hashType == null ? "sha256" : hashType.toLowerCase(java.util.Locale.ROOT);
        String hex = Hashlib.hexdigest(type, raw).orElseThrow(() ->
                new CommandExecutionError("The fingerprint_hash_type " + type + " is not supported."));
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < hex.length(); i += 2) {
            chunks.add(hex.substring(i, i + 2));
        }
        return String.join(":", chunks);
    }

    /** Salt's _refine_enc: the key type names ssh accepts. */
    static String refineEnc(String enc) {
        String e = ENC.get(enc);
        if (e == null) {
            throw new CommandExecutionError("Incorrect encryption key type '" + enc + "'.");
        }
        return e;
    }

    private static Map<String, String> encodings() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : List.of("rsa", "ssh-rsa")) {
            m.put(s, "ssh-rsa");
        }
        for (String s : List.of("dsa", "dss", "ssh-dss")) {
            m.put(s, "ssh-dss");
        }
        m.put("ecdsa", "ecdsa-sha2-nistp256");
        for (String s : List.of("ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521")) {
            m.put(s, s);
        }
        for (String s : List.of("ed25519", "ssh-ed25519")) {
            m.put(s, "ssh-ed25519");
        }
        for (String s : List.of("sk-ecdsa-sha2-nistp256@openssh.com", "sk-ssh-ed25519@openssh.com")) {
            m.put(s, s);
        }
        return m;
    }

    static Map<String, Object> userInfo(Call c, String user) {
        Object o = c.salt("user.info", List.of(user), Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> m = o instanceof Map ? (Map<String, Object>) o : Map.of();
        return m;
    }

    /**
     * The user's ssh file, checked before root writes it: neither the file nor its directory may
     * be a symbolic link. The user owns the directory, so a link there would let them point root's
     * write at any file (~/.ssh/authorized_keys -> /root/.ssh/authorized_keys, known_hosts ->
     * /etc/shadow). Salt writes through such links; jsalt refuses, naming the path. Appends are
     * made with {@link #appendNoFollow}, so a link put in place after this check is not followed
     * either; whole-file rewrites replace the file by a rename, which never follows one.
     */
    static Path writable(Path file) {
        Path abs = file.toAbsolutePath();
        for (Path p : new Path[] {abs, abs.getParent()}) {
            if (p != null && Files.isSymbolicLink(p)) {
                throw new CommandExecutionError(p + " is a symbolic link: refusing to write the user's ssh file "
                        + "through it");
            }
        }
        if (Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new CommandExecutionError(abs + " is not a regular file");
        }
        return abs;
    }

    /** Appends text to the file (created 0600 if missing), never through a symbolic link (O_NOFOLLOW). */
    static void appendNoFollow(Path file, String text) throws IOException {
        try (var ch = Files.newByteChannel(writable(file), java.util.Set.of(java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND,
                java.nio.file.LinkOption.NOFOLLOW_LINKS),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")))) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    /** Salt's _get_config_file: %h, %u and %% expanded; relative paths are under the home. */
    private static Path configFile(Call c, String user, String config) {
        Map<String, Object> uinfo = userInfo(c, user);
        if (uinfo.isEmpty()) {
            throw new CommandExecutionError("User '" + user + "' does not exist");
        }
        String home = String.valueOf(uinfo.get("home"));
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < config.length(); i++) {
            char ch = config.charAt(i);
            if (ch == '%' && i + 1 < config.length()) {
                char n = config.charAt(++i);
                switch (n) {
                    case 'h' -> b.append(home);
                    case 'u' -> b.append(user);
                    case '%' -> b.append('%');
                    default -> throw new CommandExecutionError("Unknown escape '%" + n + "' in the authorized keys path");
                }
            } else {
                b.append(ch);
            }
        }
        String path = b.toString();
        return path.startsWith("/") ? Path.of(path) : Path.of(home, path);
    }
}
