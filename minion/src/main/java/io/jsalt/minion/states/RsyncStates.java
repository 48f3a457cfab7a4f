package io.jsalt.minion.states;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Directories kept in step with a module of the fleet's rsync hub. The transfer itself is
 * the rsync execution module's push or pull (hub address, pillar credentials and
 * RSYNC_PASSWORD handling live there); this state adds itemized output, so it can say
 * which files changed, and runs rsync with --dry-run in test mode.
 */
public final class RsyncStates implements StatePlugin {
    @Override
    public String name() {
        return "rsync";
    }

    @Override
    public String doc() {
        return """
                Keep directories in step with modules of the fleet's rsync hub.

                See docs/rsync-hub.md for the hub itself. Salt's own rsync.synchronized (between local paths) is not \
                provided.""";
    }

    @Override
    public String unavailableReason(Context ctx) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "rsync"))) {
                return null;
            }
        }
        return "The rsync state module cannot be loaded: the rsync binary is not in the path.";
    }

    @Fn(doc = """
            Make the local directory name and the directory path of the hub module module hold the same files, copying \
            in one direction with rsync -a. Changes list the files rsync copied (copied), removed (deleted) and whose \
            permissions or times it fixed (attributes); nothing listed means already in sync. In test mode rsync runs \
            with --dry-run: nothing is transferred, result None, and changes show what would be.

            name
                The local directory (its contents are synced; a trailing slash is implied).
            module
                The rsync hub module.
            path
                The directory inside the module (default: the module's root).
            direction
                push (local to hub, the default) or pull (hub to local; the local directory is created if missing).
            delete
                Also delete files at the destination that the source lacks (default False).
            exclude
                A pattern or list of patterns to leave out.
            user, password
                Override the pillar credentials (rsync_hub:modules:MODULE:user/password, else rsync_hub:user/password).
            host, port
                Override the hub address (rsync_hub:host/port in the minion config, else the master on 873).
            additional_opts
                A list of further rsync options.
            timeout
                Seconds before the transfer is killed.""",
            example = """
            /srv/www:
              rsync.synced:
                - module: backups
                - path: web1/www
                - direction: push
                - delete: True
                - exclude:
                  - '*.tmp'

            /srv/shared:
              rsync.synced:
                - module: shared
                - direction: pull""")
    public Object synced(Call c) {
        String name = c.requiredStr(0, "name");
        String module = c.requiredStr(1, "module");
        String path = c.str(2, "path", "");
        String direction = c.str(3, "direction", "push");
        Ret ret = new Ret(name);
        if (!direction.equals("push") && !direction.equals("pull")) {
            return ret.fail("direction must be push or pull, not '" + direction + "'");
        }
        boolean push = direction.equals("push");
        boolean test = c.ctx().test();
        Path local = Path.of(name);
        if (!local.isAbsolute()) {
            return ret.fail("Directory " + name + " is not an absolute path");
        }
        if (push && !Files.isDirectory(local)) {
            return ret.fail("Source directory " + name + " was not found");
        }
        if (!push && !test && !Files.isDirectory(local)) {
            try {
                Files.createDirectories(local);
            } catch (IOException e) {
                return ret.fail("Cannot create directory " + name + ": " + e.getMessage());
            }
        }
        String localDir = name.endsWith("/") ? name : name + "/";
        String remoteDir = path.isEmpty() || path.endsWith("/") ? path : path + "/";
        Map<String, Object> kw = transferOptions(c, test);
        Object out;
        if (push) {
            kw.put("dest", remoteDir);
            out = c.salt("rsync.push", List.of(localDir, module), kw);
        } else {
            kw.put("src", remoteDir);
            out = c.salt("rsync.pull", List.of(module, localDir), kw);
        }
        Map<String, Object> result = StateSupport.asMap(out);
        long code = result.get("retcode") instanceof Number n ? n.longValue() : 1;
        String remote = module + "/" + remoteDir;
        if (code != 0) {
            return ret.fail("rsync " + direction + " of " + name + (push ? " to " : " from ") + remote
                    + " failed with exit code " + code + ": " + String.valueOf(result.get("stderr")).strip());
        }
        RsyncItemized items = RsyncItemized.parse(String.valueOf(result.getOrDefault("stdout", "")));
        if (items.inSync()) {
            return ret.done("Directory " + name + " is in sync with " + remote);
        }
        ret.changes.putAll(items.changes());
        String what = push ? name + " to " + remote : remote + " into " + name;
        if (test) {
            return ret.wouldChange((push ? "Would push " : "Would pull ") + what + ": " + items.summary(true));
        }
        return ret.done((push ? "Pushed " : "Pulled ") + what + ": " + items.summary(false));
    }

    /** The rsync module's keyword arguments: the user's options plus itemized output and --dry-run in test mode. */
    private static Map<String, Object> transferOptions(Call c, boolean test) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("delete", c.bool(-1, "delete", false));
        List<Object> exclude = c.list(-1, "exclude", List.of());
        if (!exclude.isEmpty()) {
            kw.put("exclude", new ArrayList<>(exclude));
        }
        kw.put("dryrun", test);
        List<Object> opts = new ArrayList<>();
        opts.add(RsyncItemized.OUT_FORMAT);
        opts.addAll(c.list(-1, "additional_opts", List.of()));
        kw.put("additional_opts", opts);
        for (String key : List.of("user", "password", "host", "port", "timeout")) {
            Object v = c.arg(-1, key, null);
            if (v != null) {
                kw.put(key, v);
            }
        }
        return kw;
    }
}
