package io.jsalt.minion.modules;

import io.jsalt.common.files.FileClient;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.RenderException;
import io.jsalt.common.render.Renderer;
import io.jsalt.common.state.high.SlsTree;
import io.jsalt.minion.files.SaltUrl;
import io.jsalt.minion.files.StateFiles;
import io.jsalt.minion.modules.state.StateModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Salt's cp module: copy files from the master's file server (salt://) to this minion.
 * Files come through the minion's file cache, so an unchanged file is not fetched again.
 */
public final class CpModule implements ExecutionPlugin {
    @Override
    public String name() {
        return "cp";
    }

    @Override
    public String doc() {
        return "Copy files from the master's file server (salt://) to this minion, hash them, list them.";
    }

    @Fn(doc = """
            Copy a file from the master to the minion. Returns the destination path, or an empty string when the \
            master has no such file.

            saltenv
                The file server environment (default base); salt://path?saltenv=dev also works.
            makedirs
                Create missing parent directories of dest (default False).
            template
                Render the source and destination names with this engine (jinja) first.""",
            example = """
            jsalt '*' cp.get_file salt://path/to/file /minion/dest
            jsalt '*' cp.get_file "salt://{{grains.os}}/vimrc" /etc/vimrc template=jinja""")
    public Object get_file(Call c) {
        String path = c.requiredStr(0, "path");
        String dest = c.requiredStr(1, "dest");
        String saltenv = c.str(2, "saltenv", "base");
        if (c.str(4, "template", null) != null) {
            path = renderName(c, path, saltenv);
            dest = renderName(c, dest, saltenv);
        }
        Optional<Path> cached = cached(c, path, saltenv);
        if (cached.isEmpty()) {
            return "";
        }
        Path target = target(Paths.get(dest), cached.get());
        if (!prepareParent(target, c.bool(3, "makedirs", false))) {
            return false;
        }
        copy(cached.get(), target);
        return target.toString();
    }

    @Fn(doc = """
            Render a file from the master as a Jinja template with this minion's grains, pillar and functions (extra \
            keyword arguments become template variables), and write it to dest. Returns the destination path, or an \
            empty string when the master has no such file.""",
            example = "jsalt '*' cp.get_template salt://path/to/template /minion/dest")
    public Object get_template(Call c) {
        String path = c.requiredStr(0, "path");
        String dest = c.requiredStr(1, "dest");
        String template = c.str(2, "template", "jinja");
        String saltenv = c.str(3, "saltenv", "base");
        if (!template.equals("jinja")) {
            throw new CommandExecutionError("Attempted to render file paths with unavailable engine " + template);
        }
        Optional<SaltUrl> parsed = parsed(c, path, saltenv);
        if (parsed.isEmpty()) {
            return "";
        }
        SaltUrl u = parsed.get();
        Optional<String> text = files(c).readText(path, saltenv);
        if (text.isEmpty()) {
            return "";
        }
        Path target = target(Paths.get(dest), Paths.get(u.path()));
        if (!prepareParent(target, c.bool(4, "makedirs", false))) {
            return false;
        }
        String out = render(c, text.get(), u.path(), u.saltenv(), c.userKwargs());
        try {
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".jsalt-", ".tmp");
            Files.writeString(tmp, out);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot write " + target + ": " + e.getMessage(), e);
        }
        return target.toString();
    }

    @Fn(doc = """
            Make sure a salt:// file is in the minion's cache (fetching it only when its hash changed on the master) \
            and return the cached path, or False when the master has no such file.""",
            example = """
            jsalt '*' cp.cache_file salt://path/to/file
            jsalt '*' cp.cache_file salt://foo/bar.conf saltenv=config""")
    public Object cache_file(Call c) {
        String path = c.requiredStr(0, "path");
        Optional<Path> p = cached(c, path, c.str(1, "saltenv", "base"));
        if (p.isEmpty()) {
            c.ctx().log().error("Unable to cache file '{}' from saltenv '{}'.", path, c.str(1, "saltenv", "base"));
            return false;
        }
        return p.get().toString();
    }

    @Fn(doc = "List all of the files stored on the master in a saltenv (optionally under a prefix).",
            example = """
            jsalt '*' cp.list_master
            jsalt '*' cp.list_master saltenv=dev prefix=web/""")
    public Object list_master(Call c) {
        return listed(c, FileClient::listFiles);
    }

    @Fn(doc = """
            List the SLS names the master has in a saltenv (default: the minion's saltenv, else base): a/init.sls is \
            a, a/b.sls is a.b.""",
            example = """
            jsalt '*' cp.list_states
            jsalt '*' cp.list_states saltenv=dev""")
    public Object list_states(Call c) {
        // salt/modules/cp.py list_states: an empty saltenv is the minion's saltenv option, else base.
        String asked = c.str(0, "saltenv", null);
        String env = asked != null && !asked.isEmpty() ? asked : StateModule.saltenv(c);
        Optional<String> checked = saltenv(c, env);
        return checked.isEmpty() ? new ArrayList<>() : new ArrayList<Object>(SlsTree.names(files(c).listFiles(checked.get())));
    }

    @Fn(doc = "List all of the directories stored on the master in a saltenv (optionally under a prefix).",
            example = "jsalt '*' cp.list_master_dirs")
    public Object list_master_dirs(Call c) {
        return listed(c, FileClient::listDirs);
    }

    @Fn(doc = """
            Return the hash of a file: a salt:// file as the master has it, or a local file. Returns {hsum, \
            hash_type}, or {} when there is no such file.""",
            example = """
            jsalt '*' cp.hash_file salt://path/to/file
            jsalt '*' cp.hash_file /etc/hosts""")
    public Object hash_file(Call c) {
        String path = c.requiredStr(0, "path");
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<String> h;
        if (path.startsWith("salt://")) {
            String saltenv = c.str(1, "saltenv", "base");
            h = parsed(c, path, saltenv).isEmpty() ? Optional.empty() : files(c).hash(path, saltenv);
        } else {
            Path p = Paths.get(path);
            h = Files.isRegularFile(p) ? Optional.of(FileRoots.sha256(p)) : Optional.empty();
        }
        h.ifPresent(v -> {
            out.put("hsum", v);
            out.put("hash_type", "sha256");
        });
        return out;
    }

    static FileClient files(Call c) {
        return c.ctx().service(FileClient.class);
    }

    /*
     * Salt's file server answers a name that could leave the file roots (absolute, "..")
     * exactly as it answers a missing file (salt/fileserver/roots.py find_file returns an
     * empty result), so salt/modules/cp.py returns what it returns for a missing file: an
     * empty string from get_file, False from cache_file, {} from hash_file. The helpers
     * below do the same for names this minion refuses before asking the master, and log
     * one line saying why, instead of a stack trace in the job's return.
     */

    /** The parsed salt:// name, or empty (logged) when it is refused. */
    static Optional<SaltUrl> parsed(Call c, String path, String saltenv) {
        try {
            return Optional.of(SaltUrl.parse(path, saltenv));
        } catch (FileRoots.UnsafePathException e) {
            c.ctx().log().error("Unable to fetch '{}' from saltenv '{}': {}", path, saltenv, e.getMessage());
            return Optional.empty();
        }
    }

    /** The file in the minion's cache, or empty when the master has no such file or the name is refused. */
    private static Optional<Path> cached(Call c, String path, String saltenv) {
        return parsed(c, path, saltenv).isEmpty() ? Optional.empty() : files(c).cacheFile(path, saltenv);
    }

    /** A checked saltenv name, or empty (logged): Salt lists nothing for a saltenv it does not have. */
    private static Optional<String> saltenv(Call c, String env) {
        try {
            return Optional.of(SaltUrl.checkEnv(env));
        } catch (FileRoots.UnsafePathException e) {
            c.ctx().log().error("Unable to list saltenv '{}': {}", env, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * What list_master and list_master_dirs share: the names the master lists for the saltenv
     * (argument 0, checked first) that start with the prefix (argument 1, empty for all).
     */
    private static List<Object> listed(Call c, BiFunction<FileClient, String, List<String>> list) {
        Optional<String> env = saltenv(c, c.str(0, "saltenv", "base"));
        String prefix = c.str(1, "prefix", "");
        List<Object> out = new ArrayList<>();
        for (String n : env.isEmpty() ? List.<String>of() : list.apply(files(c), env.get())) {
            if (prefix == null || prefix.isEmpty() || n.startsWith(prefix)) {
                out.add(n);
            }
        }
        return out;
    }

    /** A directory destination receives the source's file name, as Salt does. */
    private static Path target(Path dest, Path source) {
        return Files.isDirectory(dest) ? dest.resolve(source.getFileName().toString()) : dest;
    }

    private static boolean prepareParent(Path target, boolean makedirs) {
        Path parent = target.toAbsolutePath().getParent();
        if (Files.isDirectory(parent)) {
            return true;
        }
        if (!makedirs) {
            return false;
        }
        try {
            Files.createDirectories(parent);
            return true;
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot create " + parent + ": " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Path tmp = Files.createTempFile(to.toAbsolutePath().getParent(), ".jsalt-", ".tmp");
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CommandExecutionError("Cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    private static String renderName(Call c, String name, String saltenv) {
        return render(c, name, "<name>", saltenv, Map.of());
    }

    /** The state tree templates rendered for a call load other templates from (null: none). */
    static FileRoots stateRoots(Call c) {
        return c.ctx().services().find(StateFiles.class).map(StateFiles::stateRoots).orElse(null);
    }

    private static String render(Call c, String text, String relPath, String saltenv, Map<String, Object> extra) {
        FileRoots roots = stateRoots(c);
        RenderContext ctx = RenderContext.builder(c.ctx()).saltenv(saltenv).extra(extra).build();
        try {
            return new Renderer(roots).renderTemplate(text, relPath, ctx);
        } catch (RenderException e) {
            throw new CommandExecutionError("Unable to render " + relPath + ": " + e.getMessage(), e);
        }
    }
}
