package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's rsync module with the real rsync client, plus push and pull against the fleet's
 * rsync hub (the master's rsync daemon) by module name. The hub is {@code rsync_hub:host}
 * (default: the minion's {@code master}) and {@code rsync_hub:port} (default 873) in the
 * minion config; the user and password come from pillar {@code rsync_hub:user} and
 * {@code rsync_hub:password}, or per module from {@code rsync_hub:modules:NAME:user} and
 * {@code ...:password}. The password reaches rsync in RSYNC_PASSWORD, never on the command line.
 */
public final class RsyncModule implements ExecutionPlugin {
    private static final String OPTIONS = """


            user, password
                Override the pillar credentials.
            delete
                Delete files at the destination that the source lacks (default False).
            exclude
                A pattern or list of patterns to leave out.
            dryrun
                Show what would be transferred, change nothing (default False).
            additional_opts
                A list of further rsync options.
            host, port
                Override the hub address.
            timeout
                Seconds before the transfer is killed.""";

    @Override
    public String name() {
        return "rsync";
    }

    @Override
    public String doc() {
        return "Wrapper for rsync: generic transfers and push/pull to the fleet's rsync hub.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return CmdModule.which("rsync", System.getenv("PATH")) == null
                ? "The rsync execution module cannot be loaded: the rsync binary is not in the path." : null;
    }

    @Fn(doc = """
            Push a local file or directory to a module of the rsync hub: rsync -a SRC rsync://USER@HUB/MODULE/DEST. A \
            trailing slash on src copies a directory's contents rather than the directory. Returns pid, retcode, \
            stdout and stderr; a failed transfer sets the job's retcode.""" + OPTIONS,
            example = "jsalt '*' rsync.push /srv/www/ backups dest=web1/")
    public Object push(Call c) {
        String src = c.requiredStr(0, "src");
        String module = c.requiredStr(1, "module");
        String dest = c.str(2, "dest", "");
        return run(c, hubOptions(c), List.of(src, hubUrl(c, module, dest)), credentials(c, module));
    }

    @Fn(doc = """
            Pull from a module of the rsync hub into a local path: rsync -a rsync://USER@HUB/MODULE/SRC DEST. Returns \
            pid, retcode, stdout and stderr; a failed transfer sets the job's retcode.""" + OPTIONS,
            example = "jsalt '*' rsync.pull backups /srv/restore/ src=web1/")
    public Object pull(Call c) {
        String module = c.requiredStr(0, "module");
        String dest = c.requiredStr(1, "dest");
        String src = c.str(2, "src", "");
        return run(c, hubOptions(c), List.of(hubUrl(c, module, src), dest), credentials(c, module));
    }

    @Fn(doc = """
            Salt's generic rsync: rsync -avz [options] SRC DST, with delete, force, update, passwordfile, exclude, \
            excludefrom, dryrun, rsh and additional_opts as in Salt. Returns pid, retcode, stdout and stderr.""",
            example = "jsalt '*' rsync.rsync /path/to/src /path/to/dest delete=True update=True")
    public Object rsync(Call c) {
        String src = c.str(0, "src", null);
        String dst = c.str(1, "dst", null);
        if (src == null || src.isEmpty() || dst == null || dst.isEmpty()) {
            throw new InvocationError("src and dst cannot be empty");
        }
        List<String> opts = new ArrayList<>();
        opts.add("-avz");
        if (c.bool(2, "delete", false)) {
            opts.add("--delete");
        }
        if (c.bool(3, "force", false)) {
            opts.add("--force");
        }
        if (c.bool(4, "update", false)) {
            opts.add("--update");
        }
        String rsh = c.str(9, "rsh", null);
        if (rsh != null) {
            opts.add("--rsh=" + rsh);
        }
        String pwFile = c.str(5, "passwordfile", null);
        if (pwFile != null) {
            opts.add("--password-file");
            opts.add(pwFile);
        }
        String excludeFrom = c.str(7, "excludefrom", null);
        if (excludeFrom != null) {
            opts.add("--exclude-from");
            opts.add(excludeFrom);
        } else {
            for (Object ex : c.list(6, "exclude", List.of())) {
                opts.add("--exclude");
                opts.add(String.valueOf(ex));
            }
        }
        if (c.bool(8, "dryrun", false)) {
            opts.add("--dry-run");
        }
        for (Object o : c.list(10, "additional_opts", List.of())) {
            opts.add(String.valueOf(o));
        }
        return run(c, opts, List.of(src, dst), null);
    }

    @Fn(doc = "The version of the rsync client, e.g. '3.2.7'.", example = "jsalt '*' rsync.version")
    public Object version(Call c) {
        ProcessRunner.Result r = ProcessRunner.run(new ProcessRunner.Request(List.of("rsync", "--version"),
                null, env(null), null, 30.0, false, "rsync --version"));
        if (r.exitCode() != 0) {
            throw new CommandExecutionError("rsync --version failed: " + r.stderr().strip());
        }
        String[] first = r.stdout().split("\n", 2)[0].trim().split("\\s+");
        if (first.length < 3) {
            throw new CommandExecutionError("Unable to determine the rsync version from: " + r.stdout().strip());
        }
        return first[2];
    }

    /**
     * -a without devices and specials (the hub refuses -D unless a module allows root
     * writes), plus the hub options common to push and pull.
     */
    private static List<String> hubOptions(Call c) {
        List<String> opts = new ArrayList<>();
        opts.add("-a");
        opts.add("--no-D");
        opts.add("--contimeout=10");
        if (c.bool(-1, "delete", false)) {
            opts.add("--delete");
        }
        for (Object ex : c.list(-1, "exclude", List.of())) {
            opts.add("--exclude");
            opts.add(String.valueOf(ex));
        }
        if (c.bool(-1, "dryrun", false)) {
            opts.add("--dry-run");
        }
        for (Object o : c.list(-1, "additional_opts", List.of())) {
            opts.add(String.valueOf(o));
        }
        return opts;
    }

    /** rsync://[user@]host:port/module/path. */
    static String hubUrl(Call c, String module, String path) {
        if (!module.matches("[A-Za-z0-9_.-]+")) {
            throw new InvocationError("'" + module + "' is not an rsync module name");
        }
        Map<String, Object> opts = c.ctx().opts();
        String host = c.str(-1, "host", null);
        if (host == null) {
            Object h = Data.get(opts, "rsync_hub:host", null);
            host = h != null ? String.valueOf(h) : String.valueOf(opts.getOrDefault("master", "salt"));
        }
        long port = c.integer(-1, "port", Data.get(opts, "rsync_hub:port", 873L) instanceof Number n
                ? n.longValue() : 873L);
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String user = credentials(c, module)[0];
        String p = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        return "rsync://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + module + "/" + p;
    }

    /** {user, password} from the arguments, else pillar rsync_hub:modules:NAME, else rsync_hub. */
    static String[] credentials(Call c, String module) {
        Map<String, Object> pillar = c.ctx().pillar() == null ? Map.of() : c.ctx().pillar();
        String user = c.str(-1, "user", null);
        String password = c.str(-1, "password", null);
        if (user == null) {
            user = str(Data.get(pillar, "rsync_hub:modules:" + module + ":user", null));
        }
        if (user == null) {
            user = str(Data.get(pillar, "rsync_hub:user", null));
        }
        if (password == null) {
            password = str(Data.get(pillar, "rsync_hub:modules:" + module + ":password", null));
        }
        if (password == null) {
            password = str(Data.get(pillar, "rsync_hub:password", null));
        }
        return new String[] {user, password};
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static Object run(Call c, List<String> opts, List<String> paths, String[] creds) {
        List<String> argv = new ArrayList<>();
        argv.add("rsync");
        argv.addAll(opts);
        argv.addAll(paths);
        Double timeout = c.number(-1, "timeout", null);
        String display = String.join(" ", argv);
        ProcessRunner.Result r = ProcessRunner.run(new ProcessRunner.Request(argv, null,
                env(creds == null ? null : creds[1]), null, timeout, false, display));
        if (r.timedOut()) {
            throw new CommandExecutionError("rsync timed out after " + timeout + " s: " + display);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", r.pid());
        out.put("retcode", (long) r.exitCode());
        out.put("stdout", r.stdout());
        out.put("stderr", r.stderr());
        if (r.exitCode() != 0) {
            c.retcode(r.exitCode());
        }
        return out;
    }

    private static Map<String, String> env(String password) {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.remove("RSYNC_PASSWORD");
        if (password != null) {
            env.put("RSYNC_PASSWORD", password);
        }
        env.put("LC_ALL", "C");
        return env;
    }
}
