package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.minion.files.FileIo;
import io.jsalt.minion.files.Perms;
import io.jsalt.minion.grains.Passwd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The known_hosts part of Salt's ssh module (salt/modules/ssh.py): entries are found with
 * {@code ssh-keygen -F} (which also matches hashed host names), removed with
 * {@code ssh-keygen -R} and fetched from a host with {@code ssh-keyscan}; an entry whose key
 * is not base64 counts as absent, as in Salt.
 */
final class KnownHosts {
    static final int DEFAULT_SSH_PORT = 22;

    private KnownHosts() {}

    /** Salt's _get_known_hosts_file: the file's path, or an error map. */
    static Object file(Call c, String user, String config) {
        String cfg = config != null ? config : user != null ? ".ssh/known_hosts" : "/etc/ssh/ssh_known_hosts";
        if (cfg.startsWith("/")) {
            return Path.of(cfg);
        }
        if (user == null) {
            return error("Cannot determine absolute path to file.");
        }
        Map<String, Object> uinfo = SshModule.userInfo(c, user);
        if (uinfo.isEmpty()) {
            return error("User " + user + " does not exist");
        }
        return Path.of(String.valueOf(uinfo.get("home")), cfg);
    }

    /** Salt's _hostname_and_port_to_ssh_hostname. */
    static String sshHostname(String hostname, Integer port) {
        return port == null || port == DEFAULT_SSH_PORT ? hostname : "[" + hostname + "]:" + port;
    }

    /** Salt's get_known_host_entries: [{hostname, key, enc, fingerprint}], or null when there are none. */
    static Object entries(Call c, String user, String hostname, String config, Integer port, String hashType) {
        Object full = file(c, user, config);
        if (full instanceof Map) {
            return full;
        }
        requireTool("ssh-keygen");
        Sh.Out o = Sh.run(List.of("ssh-keygen", "-F", sshHostname(hostname, port), "-f", full.toString()));
        List<Object> found = parse(o.stdout(), hashType);
        return found.isEmpty() ? null : found;
    }

    /** Salt's check_known_host: 'add', 'update' or 'exists'. */
    static String check(Call c, String user, String hostname, String key, String fingerprint, String config,
                        Integer port, String hashType) {
        List<Map<String, Object>> known = asList(entries(c, user, hostname, config, port, hashType));
        if (known.isEmpty()) {
            return "add";
        }
        if (key != null) {
            return known.stream().anyMatch(h -> key.equals(h.get("key"))) ? "exists" : "update";
        }
        if (fingerprint != null) {
            return known.stream().anyMatch(h -> fingerprint.equals(h.get("fingerprint"))) ? "exists" : "update";
        }
        return "exists";
    }

    /** Salt's rm_known_host: every key of the host removed with ssh-keygen -R. */
    static Map<String, Object> remove(Call c, String user, String hostname, String config, Integer port) {
        Object full = file(c, user, config);
        if (full instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> err = (Map<String, Object>) m;
            return err;
        }
        Path path = (Path) full;
        if (!Files.isRegularFile(path)) {
            return error("Known hosts file " + path + " does not exist");
        }
        requireTool("ssh-keygen");
        Sh.Out o = Sh.run(List.of("ssh-keygen", "-R", sshHostname(hostname, port), "-f", path.toString()));
        chownTo(c, user, path);
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("status", "removed");
        ret.put("comment", (o.stdout() + o.stderr()).strip());
        return ret;
    }

    /**
     * Salt's set_known_host: the given key (or, without one, the host's keys from ssh-keyscan,
     * checked against the fingerprint) replaces the host's entries of that key type.
     */
    static Map<String, Object> set(Call c, String user, String hostname, String fingerprint, String key, Integer port,
                                   String enc, String config, boolean hashKnownHosts, int timeout, String hashType) {
        if (port != null && port != DEFAULT_SSH_PORT && hashKnownHosts) {
            return error("argument port can not be used in conjunction with argument hash_known_hosts");
        }
        Object storedObj = entries(c, user, hostname, config, port, hashType);
        if (storedObj instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> err = (Map<String, Object>) m;
            return err;
        }
        List<Map<String, Object>> stored = asList(storedObj);
        List<Object> storedKeys = new ArrayList<>();
        stored.forEach(h -> storedKeys.add(h.get("key")));
        boolean update = stored.isEmpty()
                || fingerprint != null && stored.stream().noneMatch(h -> fingerprint.equals(h.get("fingerprint")))
                || key != null && !storedKeys.contains(key);
        boolean checkRequired = !update && key == null && fingerprint == null;
        if (!update && !checkRequired) {
            Map<String, Object> ret = new LinkedHashMap<>();
            ret.put("status", "exists");
            ret.put("keys", storedKeys);
            return ret;
        }
        List<Map<String, Object>> remote;
        if (key == null) {
            remote = asList(receive(hostname, enc, port, hashKnownHosts, timeout, hashType));
            if (remote.isEmpty()) {
                return error("Unable to receive remote host keys");
            }
            if (fingerprint != null && remote.stream().noneMatch(h -> fingerprint.equals(h.get("fingerprint")))) {
                return error("Remote host public keys found but none of their fingerprints match the one you have "
                        + "provided");
            }
            if (checkRequired && remote.stream().anyMatch(h -> storedKeys.contains(h.get("key")))) {
                Map<String, Object> ret = new LinkedHashMap<>();
                ret.put("status", "exists");
                ret.put("keys", storedKeys);
                return ret;
            }
        } else {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("hostname", hostname);
            entry.put("enc", enc);
            entry.put("key", key);
            remote = List.of(entry);
        }
        Object fullObj = file(c, user, config);
        if (fullObj instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> err = (Map<String, Object>) m;
            return err;
        }
        Path full = SshModule.writable((Path) fullObj);
        String origMode = null;
        if (Files.isRegularFile(full)) {
            origMode = Perms.mode(full);
            removeLines(full, hostname, port, enc);
        }
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> e : remote) {
            String h = String.valueOf(e.get("hostname"));
            if (hashKnownHosts || port == null || port == DEFAULT_SSH_PORT || h.contains(":")) {
                lines.append(h);
            } else {
                lines.append('[').append(h).append("]:").append(port);
            }
            lines.append(' ').append(e.get("enc")).append(' ').append(e.get("key")).append('\n');
        }
        try {
            Path dir = full.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                if (user != null) {
                    chownTo(c, user, dir);
                    Perms.setMode(dir, "0700");
                }
            }
            SshModule.appendNoFollow(full, lines.toString());
            chownTo(c, user, full);
            Perms.setMode(full, origMode != null ? origMode : "0600");
        } catch (IOException e) {
            throw new CommandExecutionError("Couldn't append to known hosts file: '" + e.getMessage() + "'");
        }
        if (key != null && hashKnownHosts) {
            hash(c, user, full);
        }
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("status", "updated");
        ret.put("old", stored.isEmpty() ? null : stored);
        ret.put("new", remote);
        return ret;
    }

    /** Salt's recv_known_host_entries: ssh-keyscan, tried up to 5 times. */
    static Object receive(String hostname, String enc, Integer port, boolean hashKnownHosts, int timeout, String hashType) {
        requireTool("ssh-keyscan");
        List<String> cmd = new ArrayList<>(List.of("ssh-keyscan"));
        if (port != null) {
            cmd.addAll(List.of("-p", String.valueOf(port)));
        }
        if (enc != null) {
            cmd.addAll(List.of("-t", enc));
        }
        if (hashKnownHosts) {
            cmd.add("-H");
        }
        cmd.addAll(List.of("-T", String.valueOf(timeout), hostname));
        String out = "";
        for (int attempt = 0; attempt < 5 && out.isBlank(); attempt++) {
            out = Sh.run(cmd).stdout();
        }
        List<Object> found = parse(out, hashType);
        return found.isEmpty() ? null : found;
    }

    /** Salt's hash_known_hosts: ssh-keygen -H, its backup removed, the owner kept. */
    static void hash(Call c, String user, Path full) {
        if (!Files.isRegularFile(full)) {
            return;
        }
        Sh.run(List.of("ssh-keygen", "-H", "-f", full.toString()));
        try {
            Files.deleteIfExists(Path.of(full + ".old"));
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot remove " + full + ".old: " + e.getMessage());
        }
        chownTo(c, user, full);
    }

    /**
     * Salt's _get_matched_host_line_numbers: the lines of the host's entries of this key type,
     * as ssh-keygen -F reports them ("# Host NAME found: line N" before each entry), removed.
     */
    private static void removeLines(Path full, String hostname, Integer port, String enc) {
        String want = enc != null ? enc : "rsa";
        String[] out = Sh.run(List.of("ssh-keygen", "-F", sshHostname(hostname, port), "-f", full.toString()))
                .stdout().split("\n");
        TreeSet<Integer> drop = new TreeSet<>();
        for (int i = 0; i + 1 < out.length; i++) {
            String[] head = out[i].strip().split("\\s+");
            if (!out[i].startsWith("#") || head.length == 0) {
                continue;
            }
            String[] entry = out[i + 1].strip().split("\\s+");
            if (entry.length >= 2 && entry[entry.length - 2].equals(want)) {
                try {
                    drop.add(Integer.parseInt(head[head.length - 1]));
                } catch (NumberFormatException e) {
                    // not a "found: line N" header
                }
            }
        }
        if (drop.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>(List.of(FileIo.readText(full).split("\n", -1)));
        for (int n : drop.descendingSet()) {
            if (n - 1 < lines.size()) {
                lines.remove(n - 1);
            }
        }
        FileIo.writeText(SshModule.writable(full), String.join("\n", lines));
    }

    /** Salt's _parse_openssh_output: "host enc key" lines whose key is base64, with fingerprints. */
    private static List<Object> parse(String output, String hashType) {
        List<Object> out = new ArrayList<>();
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 3) {
                continue;
            }
            String fp = SshModule.fingerprint(parts[2], hashType);
            if (fp == null) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("hostname", parts[0]);
            e.put("key", parts[2]);
            e.put("enc", parts[1]);
            e.put("fingerprint", fp);
            out.add(e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> asList(Object o) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            l.forEach(x -> out.add((Map<String, Object>) x));
        }
        return out;
    }

    private static void chownTo(Call c, String user, Path p) {
        if (user == null || Passwd.effectiveUid() != 0) {
            return;
        }
        Map<String, Object> uinfo = SshModule.userInfo(c, user);
        if (!uinfo.isEmpty()) {
            Perms.apply(p, new Perms.Want(String.valueOf(uinfo.get("name")),
                    Passwd.groupName(((Number) uinfo.get("gid")).longValue()), null));
        }
    }

    private static void requireTool(String tool) {
        if (!Sh.has(tool)) {
            throw new CommandExecutionError("Command not found: " + tool);
        }
    }

    static Map<String, Object> error(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "error");
        m.put("error", message);
        return m;
    }
}
