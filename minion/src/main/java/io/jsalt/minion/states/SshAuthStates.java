package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Salt's ssh_auth states (salt/states/ssh_auth.py): keys in users' authorized_keys files. */
public final class SshAuthStates implements StatePlugin {
    private static final Pattern FULL_KEY = Pattern.compile("^(.*?)\\s?((?:sk-)?(?:ssh-|ecds)[\\w-]+\\s.+)$");

    @Override
    public String name() {
        return "ssh_auth";
    }

    @Override
    public String doc() {
        return """
                Control of entries in SSH authorized_key files.

                Difference from Salt: the user owns the directory of these files, so jsalt never writes one \
                through a symbolic link (the file or its directory): it refuses, naming the link.""";
    }

    @Fn(doc = "Verifies that the specified SSH key is present for the specified user.\n\n"
            + "name\n    The SSH key to manage: the base64 key, optionally followed by a comment, or a whole "
            + "authorized_keys line ([options] type key [comment]).\n"
            + "user\n    The user who owns the SSH authorized keys file to modify.\n"
            + "enc\n    The key type: ssh-rsa (default), ssh-dss, ssh-ed25519, ecdsa-sha2-nistp256, ...\n"
            + "comment\n    The comment to be placed with the SSH public key.\n"
            + "options\n    The options passed to the key (a list).\n"
            + "config\n    The location of the authorized keys file relative to the user's home directory "
            + "(default .ssh/authorized_keys); %h is the home directory, %u the user name.\n"
            + "fingerprint_hash_type\n    The hash of the key fingerprints (default sha256).\n"
            + "source\n    A file of keys (salt:// or local), one authorized_keys line each; every key is set "
            + "with its own type and comment, and name, enc and comment are ignored.",
            example = "AAAAB3NzaC1kc3MAAACBAL0sQ9fJ5bYTEyY==:\n  ssh_auth.present:\n    - user: root\n"
                    + "    - enc: ssh-dss")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        String user = c.requiredStr(1, "user");
        Ret ret = new Ret(name);
        String enc = c.str(2, "enc", "ssh-rsa");
        String comment = c.str(3, "comment", "");
        Object options = c.arg(5, "options", null);
        String config = c.str(6, "config", ".ssh/authorized_keys");
        String hashType = c.str(7, "fingerprint_hash_type", null);
        String source = c.str(4, "source", "");
        if (!source.isEmpty()) {
            return fromSource(c, ret, user, source, options, config, hashType);
        }
        String key = name;
        Matcher full = FULL_KEY.matcher(name);
        if (!full.find()) {
            String[] keyAndComment = name.strip().split("\\s+", 2);
            key = keyAndComment[0];
            if (keyAndComment.length == 2) {
                comment = keyAndComment[1];
            }
        } else {
            if (!full.group(1).isEmpty()) {
                options = new ArrayList<Object>(Arrays.asList(full.group(1).split(",")));
            }
            String[] comps = full.group(2).strip().split("\\s+", 3);
            enc = comps[0];
            key = comps[1];
            if (comps.length == 3) {
                comment = comps[2];
            }
        }
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("enc", enc);
        kw.put("comment", comment);
        kw.put("options", options == null ? List.of() : options);
        kw.put("config", config);
        kw.put("fingerprint_hash_type", hashType);
        String k = key;
        String check = String.valueOf(c.salt("ssh.check_key", List.of(user, key), kw));
        String present = "The authorized host key " + key + " is already present for user " + user;
        if (check.equals("exists")) {
            return Plan.nothing(present).run(c, ret);
        }
        String would = check.equals("update") ? "Key " + key + " for user " + user + " is set to be updated"
                : check.equals("add") ? "Key " + key + " for user " + user + " is set to be added" : "";
        return Plan.change(would, r -> {
            String data = String.valueOf(c.salt("ssh.set_auth_key", List.of(user, k), kw));
            switch (data) {
                case "replace" -> {
                    r.changes.put(k, "Updated");
                    return r.done("The authorized host key " + k + " for user " + user + " was updated");
                }
                case "no change" -> {
                    return r.done(present);
                }
                case "new" -> {
                    r.changes.put(k, "New");
                    return r.done("The authorized host key " + k + " for user " + user + " was added");
                }
                case "invalid", "Invalid public key" -> {
                    return r.fail("Invalid public ssh key, most likely has spaces or invalid syntax");
                }
                default -> {
                    return r.fail("Failed to add the ssh key. Is the home directory available, and/or does the key "
                            + "file exist?");
                }
            }
        }).run(c, ret);
    }
    /**
     * present with a source (salt/states/ssh_auth.py present and _present_test): every key line
     * of the file is set with its own type and comment; a missing file fails the state.
     */
    private static Object fromSource(Call c, Ret ret, String user, String source, Object options, String config,
                                     String hashType) {
        String text = Sources.read(c, source, Sources.saltenv(c))
                .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).orElse(null);
        if (text == null) {
            return ret.fail("Failed to add the ssh key. Source file " + source + " is missing");
        }
        List<Map<String, Object>> wanted = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            String[] parsed = parse(line.strip());
            if (parsed == null) {
                continue;
            }
            Map<String, Object> kw = new LinkedHashMap<>();
            kw.put("key", parsed[1]);
            kw.put("enc", parsed[0]);
            kw.put("comment", parsed[2]);
            kw.put("options", parsed[3].isEmpty() ? (options == null ? List.of() : options)
                    : List.of(parsed[3].split(",")));
            kw.put("config", config);
            kw.put("fingerprint_hash_type", hashType);
            wanted.add(kw);
        }
        if (wanted.isEmpty()) {
            return ret.fail("Invalid public ssh key, most likely has spaces or invalid syntax");
        }
        StringBuilder would = new StringBuilder();
        for (Map<String, Object> kw : wanted) {
            String check = String.valueOf(c.salt("ssh.check_key", List.of(user), kw));
            if (!check.equals("exists")) {
                would.append("Set to ").append(check).append(": ").append(kw.get("key")).append('\n');
            }
        }
        if (would.length() == 0) {
            return Plan.nothing("All host keys in file " + source + " are already present").run(c, ret);
        }
        String name = ret.name;
        return Plan.change(would.toString(), r -> {
            // Salt reports the source's keys under the state's name: New when a key was added,
            // else Updated when one was rewritten.
            String outcome = "no change";
            for (Map<String, Object> kw : wanted) {
                String data = String.valueOf(c.salt("ssh.set_auth_key", List.of(user), kw));
                switch (data) {
                    case "new" -> outcome = "new";
                    case "replace" -> outcome = outcome.equals("new") ? outcome : "replace";
                    case "no change" -> { }
                    case "invalid", "Invalid public key" -> {
                        return r.fail("Invalid public ssh key, most likely has spaces or invalid syntax");
                    }
                    default -> {
                        return r.fail("Failed to add the ssh key. Is the home directory available, and/or does the "
                                + "key file exist?");
                    }
                }
            }
            return switch (outcome) {
                case "new" -> {
                    r.changes.put(name, "New");
                    yield r.done("The authorized host key " + name + " for user " + user + " was added");
                }
                case "replace" -> {
                    r.changes.put(name, "Updated");
                    yield r.done("The authorized host key " + name + " for user " + user + " was updated");
                }
                default -> r.done("The authorized host key " + name + " is already present for user " + user);
            };
        }).run(c, ret);
    }

    @Fn(doc = "Verifies that the specified SSH key is absent.\n\n"
            + "name\n    The SSH key: the base64 key, optionally followed by a comment, or a whole authorized_keys "
            + "line.\nuser\n    The user who owns the SSH authorized keys file to modify.\n"
            + "source\n    A file of keys (salt:// or local), one authorized_keys line each; all are removed, and "
            + "name, enc, comment and options are ignored.\n"
            + "config\n    As for present.\nfingerprint_hash_type\n    As for present.",
            example = "AAAAB3NzaC1kc3MAAACBAL0sQ9fJ5bYTEyY==:\n  ssh_auth.absent:\n    - user: root")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        String user = c.requiredStr(1, "user");
        Ret ret = new Ret(name);
        String source = c.str(4, "source", "");
        String config = c.str(6, "config", ".ssh/authorized_keys");
        String hashType = c.str(7, "fingerprint_hash_type", null);
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("config", config);
        kw.put("fingerprint_hash_type", hashType);
        // Salt's absent and _absent_test (salt/states/ssh_auth.py): the key is taken out of a
        // whole line as for present; with a source every key of the file goes.
        List<String> keys = new ArrayList<>();
        if (!source.isEmpty()) {
            String text = Sources.read(c, source, Sources.saltenv(c))
                    .map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).orElse(null);
            if (text == null) {
                return ret.fail("Failed to remove keys, source file " + source + " is missing");
            }
            for (String line : text.strip().split("\n")) {
                String[] parsed = parse(line.strip());
                if (parsed != null) {
                    keys.add(parsed[1]);
                }
            }
        } else {
            String[] parsed = parse(name);
            keys.add(parsed == null ? name.strip().split("\\s+", 2)[0] : parsed[1]);
        }
        List<String> present = new ArrayList<>();
        for (String key : keys) {
            String check = String.valueOf(c.salt("ssh.check_key", List.of(user, key), kw));
            if (!check.equals("add")) {
                present.add(key);
            }
        }
        if (present.isEmpty()) {
            return ret.done(source.isEmpty() ? "Key is already absent"
                    : "All host keys in file " + source + " are already absent");
        }
        String would = source.isEmpty() ? "Key " + present.get(0) + " for user " + user + " is set for removal"
                : String.join("", present.stream().map(k -> "Set to remove: " + k + "\n").toList());
        return Plan.change(would, r -> {
            for (String key : present) {
                r.comment = String.valueOf(c.salt("ssh.rm_auth_key", List.of(user, key), kw));
                if (r.comment.equals("Key removed")) {
                    r.changes.put(key, "Removed");
                } else if (r.comment.equals("Key not removed")) {
                    r.result = false;
                }
            }
            return r.toMap();
        }).run(c, ret);
    }

    /** An authorized_keys line's [enc, key, comment, options], or null when it holds no typed key. */
    private static String[] parse(String line) {
        Matcher full = FULL_KEY.matcher(line);
        if (!full.find()) {
            return null;
        }
        String[] comps = full.group(2).strip().split("\\s+", 3);
        if (comps.length < 2) {
            return null;
        }
        return new String[] {comps[0], comps[1], comps.length == 3 ? comps[2] : "", full.group(1)};
    }
}
