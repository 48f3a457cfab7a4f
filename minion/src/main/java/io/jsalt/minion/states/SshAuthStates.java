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
        return "Control of entries in SSH authorized_key files.";
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
            + "fingerprint_hash_type\n    The hash of the key fingerprints (default sha256).\n\n"
            + "Differences from Salt: source (keys from a file) is not supported.",
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
        if (!c.str(4, "source", "").isEmpty()) {
            return ret.fail("ssh_auth.present with source is not supported by jsalt; give the key as name");
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
}
