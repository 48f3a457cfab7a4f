package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's ssh_known_hosts states (salt/states/ssh_known_hosts.py) over the ssh module's
 * known_hosts functions. As in Salt, the arguments are only cross-checked in test mode; a real
 * run leaves the decision to ssh.set_known_host.
 */
public final class SshKnownHostsStates implements StatePlugin {
    private static final String RELATIVE = "If not specifying a \"user\", specify an absolute \"config\".";

    @Override
    public String name() {
        return "ssh_known_hosts";
    }

    @Override
    public String doc() {
        return """
                Control of SSH known_hosts entries.

                Difference from Salt: the user owns the directory of these files, so jsalt never writes one \
                through a symbolic link (the file or its directory): it refuses, naming the link.""";
    }

    @Fn(doc = "Verifies that the specified host is known by the specified user.\n\n"
            + "name\n    The remote host (one name per state).\nuser\n    Whose known_hosts file (without one, "
            + "/etc/ssh/ssh_known_hosts).\nfingerprint\n    The fingerprint its key must have (without key: the key "
            + "is fetched with ssh-keyscan and checked).\nkey\n    The public key itself (then enc is required).\n"
            + "port\n    The host's ssh port.\nenc\n    The key type.\nconfig\n    The file, relative to the user's "
            + "home (default .ssh/known_hosts), absolute without a user.\nhash_known_hosts\n    Hash the host names "
            + "(default True).\ntimeout\n    ssh-keyscan's timeout (default 5).\nfingerprint_hash_type\n    The "
            + "fingerprint's hash (default sha256).",
            example = "github.com:\n  ssh_known_hosts.present:\n    - user: root\n    - enc: ssh-ed25519\n"
                    + "    - key: AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        String user = c.str(1, "user", null);
        String fingerprint = c.str(2, "fingerprint", null);
        String key = c.str(3, "key", null);
        Object port = c.arg(4, "port", null);
        String enc = c.str(5, "enc", null);
        String config = config(user, c.str(6, "config", null));
        String hashType = c.str(9, "fingerprint_hash_type", null);
        if (config == null) {
            return ret.fail(RELATIVE);
        }
        Map<String, Object> kw = hostArgs(user, name, config);
        kw.put("port", port);
        kw.put("fingerprint_hash_type", hashType);
        if (c.ctx().test()) {
            if (key != null && fingerprint != null) {
                return ret.fail("Specify either \"key\" or \"fingerprint\", not both.");
            }
            if (key != null && enc == null) {
                return ret.fail("Required argument \"enc\" if using \"key\" argument.");
            }
            kw.put("key", key);
            kw.put("fingerprint", fingerprint);
            String result = String.valueOf(c.salt("ssh.check_known_host", List.of(), kw));
            if (result.equals("exists")) {
                return ret.done("Host " + name + " is already in " + config);
            }
            return ret.wouldChange(result.equals("add") ? "Key for " + name + " is set to be added to " + config
                    : "Key for " + name + " is set to be updated in " + config);
        }
        kw.put("fingerprint", fingerprint);
        kw.put("key", key);
        kw.put("enc", enc);
        kw.put("hash_known_hosts", c.bool(7, "hash_known_hosts", true));
        kw.put("timeout", c.integer(8, "timeout", 5));
        Map<?, ?> result = (Map<?, ?>) c.salt("ssh.set_known_host", List.of(), kw);
        String status = String.valueOf(result.get("status"));
        if (status.equals("exists")) {
            return ret.done(name + " already exists in " + config);
        }
        if (status.equals("error")) {
            return ret.fail(String.valueOf(result.get("error")));
        }
        ret.changes.put("old", result.get("old"));
        ret.changes.put("new", result.get("new"));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) result.get("new")).get(0);
        return ret.done(key != null ? name + "'s key saved to " + config + " (key: " + first.get("key") + ")"
                : name + "'s key saved to " + config + " (fingerprint: " + first.get("fingerprint") + ")");
    }

    @Fn(doc = "Verifies that the specified host is not known by the given user.\n\n"
            + "name\n    The host.\nuser\n    Whose known_hosts file.\nconfig\n    As for present.",
            example = "example.com:\n  ssh_known_hosts.absent:\n    - user: root")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        String user = c.str(1, "user", null);
        String config = config(user, c.str(2, "config", null));
        if (config == null) {
            return ret.fail(RELATIVE);
        }
        Map<String, Object> kw = hostArgs(user, name, config);
        Object known = c.salt("ssh.get_known_host_entries", List.of(), kw);
        if (known == null) {
            return ret.done("Host is already absent");
        }
        if (known instanceof Map<?, ?> err && "error".equals(err.get("status"))) {
            return ret.fail(String.valueOf(err.get("error")));
        }
        return Plan.change("Key for " + name + " is set to be removed from " + config, r -> {
            Map<?, ?> rm = (Map<?, ?>) c.salt("ssh.rm_known_host", List.of(), kw);
            if ("error".equals(rm.get("status"))) {
                return r.fail(String.valueOf(rm.get("error")));
            }
            r.changes.put("old", known);
            r.changes.put("new", null);
            return r.done(String.valueOf(rm.get("comment")));
        }).run(c, ret);
    }

    /** The file both states default to; null when it is relative without a user (Salt refuses that). */
    private static String config(String user, String config) {
        String file = config != null ? config : user != null ? ".ssh/known_hosts" : "/etc/ssh/ssh_known_hosts";
        return user == null && !file.startsWith("/") ? null : file;
    }

    private static Map<String, Object> hostArgs(String user, String name, String config) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("user", user);
        kw.put("hostname", name);
        kw.put("config", config);
        return kw;
    }
}
