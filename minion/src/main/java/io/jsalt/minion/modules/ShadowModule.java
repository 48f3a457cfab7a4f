package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Salt's shadow module: password hashes in /etc/shadow, read with getent, set with usermod -p. */
public final class ShadowModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "shadow";
    }

    @Override
    public String doc() {
        return "Read and set local users' password hashes.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return Sh.requires("usermod", "getent");
    }

    @Fn(doc = """
            The user's shadow entry: {name, passwd, lstchg, min, max, warn, inact, expire}; passwd is the crypt hash. \
            Empty values when there is no such user.""",
            example = "jsalt '*' shadow.info root")
    public Object info(Call c) {
        return info(c.requiredStr(0, "name"));
    }

    @Fn(doc = """
            Set the user's password to a crypt hash (as made by openssl passwd -6). The plain password is never \
            accepted here.""",
            example = "jsalt '*' shadow.set_password deploy '$6$salt$hash...'")
    public Object set_password(Call c) {
        String name = c.requiredStr(0, "name");
        String hash = c.requiredStr(1, "password");
        Sh.Out o = Sh.run(List.of("usermod", "-p", hash, name));
        if (!o.ok()) {
            throw new CommandExecutionError("Cannot set the password of " + name + ": " + o.error());
        }
        return hash.equals(info(name).get("passwd"));
    }

    static Map<String, Object> info(String name) {
        String[] keys = {"name", "passwd", "lstchg", "min", "max", "warn", "inact", "expire"};
        String[] entry = Sh.getent("shadow", name);
        String[] f = entry == null ? new String[0] : entry;
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            String v = i < f.length ? f[i] : "";
            m.put(keys[i], i >= 2 && !v.isEmpty() && v.matches("-?\\d+") ? (Object) Long.parseLong(v) : v);
        }
        return m;
    }
}
