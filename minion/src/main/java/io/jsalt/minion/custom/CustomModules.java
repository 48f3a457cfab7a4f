package io.jsalt.minion.custom;

import io.jsalt.common.files.FileClient;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Registry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salt's custom modules on this minion: {@code _modules/*.py} and {@code _states/*.py} of the
 * file roots, synced into {@code CACHEDIR/extmods/{modules,states}} (Salt's
 * salt/utils/extmods.py sync) and run by {@link PyBridge}. Each kind is a {@link Registry.Extension}
 * of its registry: what a module's {@code __virtual__} says and which functions it exports is
 * learned by loading the synced files in one python3 run, again whenever either directory
 * changes (a state module's {@code __virtual__} may ask for custom execution functions).
 */
public final class CustomModules {
    static final String MODULES = "modules";
    static final String STATES = "states";
    /** A module file name: a Python identifier and ".py"; anything else is not synced. */
    private static final Pattern FILE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.py");
    private static final Pattern VIRTUALNAME = Pattern.compile(
            "^__virtualname__\\s*=\\s*['\"]([A-Za-z_][A-Za-z0-9_]*)['\"]", Pattern.MULTILINE);
    private static final Logger LOG = LoggerFactory.getLogger(CustomModules.class);

    private final Path root;
    private final Supplier<Context> contexts;
    private final Map<String, Loaded> loaded = new java.util.concurrent.ConcurrentHashMap<>();
    private final ThreadLocal<Set<String>> scanning = ThreadLocal.withInitial(java.util.HashSet::new);
    private volatile Registry execution;
    private volatile Registry states;

    /** One kind's scan: the loaded modules by name, the unavailable ones with their reason. */
    private record Loaded(String stamp, Set<String> candidates, Map<String, PyModule> modules,
                          Map<String, Map<String, String>> functions, Map<String, String> unavailable) {}

    /**
     * @param root     Salt's extension_modules: {@code CACHEDIR/extmods}
     * @param contexts the minion's base context, for {@code __virtual__} runs
     */
    public CustomModules(Path root, Supplier<Context> contexts) {
        this.root = root;
        this.contexts = contexts;
    }

    /** Puts the custom modules in front of the minion's execution and state registries. */
    public void attach(Registry executionRegistry, Registry stateRegistry) {
        this.execution = executionRegistry;
        this.states = stateRegistry;
        executionRegistry.extend(extension(MODULES));
        stateRegistry.extend(extension(STATES));
    }

    public Path dir(String kind) {
        return root.resolve(kind);
    }

    // --- sync ------------------------------------------------------------------------------

    /**
     * Salt's extmods.sync for one kind ("modules", "states"): copies {@code _KIND/NAME.py} of
     * each saltenv into the cache, returns "KIND.NAME" for each new or changed file, and removes
     * cached files the file roots no longer have. Names that are not a Python identifier plus
     * ".py" (sub-directories, compiled modules, path tricks) are skipped with a warning.
     */
    public List<String> sync(String kind, List<String> saltenvs, FileClient files) {
        if (!kind.equals(MODULES) && !kind.equals(STATES)) {
            throw new IllegalArgumentException("unknown custom module kind " + kind);
        }
        Path dest = dir(kind);
        List<String> ret = new ArrayList<>();
        Set<String> remote = new LinkedHashSet<>();
        try {
            createPrivateDirs(dest);
            for (String env : saltenvs) {
                String prefix = "_" + kind + "/";
                for (String path : files.listFiles(env)) {
                    if (!path.startsWith(prefix)) {
                        continue;
                    }
                    String fileName = path.substring(prefix.length());
                    if (!FILE.matcher(fileName).matches()) {
                        LOG.warn("Not syncing {} from saltenv {}: only {}NAME.py files with a Python identifier as "
                                + "NAME are synced", path, env, prefix);
                        continue;
                    }
                    if (!remote.add(fileName)) {
                        continue; // the first saltenv that has it wins
                    }
                    Optional<Path> cached = files.cacheFile("salt://" + path, env);
                    if (cached.isEmpty()) {
                        remote.remove(fileName);
                        continue;
                    }
                    byte[] body = Files.readAllBytes(cached.get());
                    Path target = dest.resolve(fileName);
                    if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), body)) {
                        continue;
                    }
                    writePrivate(target, body);
                    ret.add(kind + "." + fileName.substring(0, fileName.length() - 3));
                }
            }
            try (Stream<Path> present = Files.list(dest)) {
                for (Path p : present.toList()) {
                    if (!remote.contains(p.getFileName().toString()) && Files.isRegularFile(p)) {
                        LOG.info("Removing custom {} file {}: the file roots no longer have it", kind, p);
                        Files.delete(p);
                    }
                }
            }
        } catch (IOException e) {
            throw new CommandExecutionError("Failed to sync " + kind + " into " + dest + ": " + e.getMessage());
        }
        loaded.clear();
        return ret;
    }

    private static void createPrivateDirs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static void writePrivate(Path target, byte[] body) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), ".sync-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(tmp, body);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // --- loading -----------------------------------------------------------------------------

    private Registry.Extension extension(String kind) {
        return new Registry.Extension() {
            @Override
            public boolean owns(String module) {
                Loaded l = loaded(kind, module);
                return l != null && l.modules().containsKey(module);
            }

            @Override
            public Registry.Function function(String fun) {
                int dot = fun.indexOf('.');
                Loaded l = loaded(kind, fun.substring(0, Math.max(dot, 0)));
                if (l == null || dot < 0) {
                    return null;
                }
                PyModule m = l.modules().get(fun.substring(0, dot));
                String doc = m == null ? null : l.functions().get(m.name()).get(fun.substring(dot + 1));
                return doc == null ? null : m.function(fun, doc);
            }

            @Override
            public String unavailable(String module) {
                Loaded l = loaded(kind, module);
                return l == null ? null : l.unavailable().get(module);
            }
        };
    }

    /**
     * The scan of a kind when {@code module} may be one of its modules (a file's name or its
     * {@code __virtualname__}); null otherwise, without starting python3. A scan already under
     * way on this thread (a {@code __virtual__} asking {@code __salt__}) sees no custom modules.
     */
    private Loaded loaded(String kind, String module) {
        Path dir = dir(kind);
        // Every function look-up of the minion comes here: with nothing synced (the usual case)
        // one stat answers, without the NoSuchFileException the time stamp's look-up would throw.
        if (!dir.toFile().isDirectory()) {
            return null;
        }
        String stamp;
        try {
            // Both directories: a state module's __virtual__ may ask for custom execution functions.
            stamp = Files.getLastModifiedTime(dir) + "/" + modified(dir(kind.equals(STATES) ? MODULES : STATES));
        } catch (IOException e) {
            return null; // nothing synced
        }
        Loaded l = loaded.get(kind);
        if (l == null || !l.stamp().equals(stamp)) {
            l = new Loaded(stamp, candidates(dir), null, null, null);
            loaded.put(kind, l);
        }
        if (!l.candidates().contains(module)) {
            return null;
        }
        if (l.modules() != null) {
            return l;
        }
        if (!scanning.get().add(kind)) {
            return null;
        }
        try {
            synchronized (this) {
                Loaded again = loaded.get(kind);
                if (again != null && again.modules() != null && again.stamp().equals(stamp)) {
                    return again;
                }
                Loaded scanned = scan(kind, dir, stamp, l.candidates());
                loaded.put(kind, scanned);
                return scanned;
            }
        } finally {
            scanning.get().remove(kind);
        }
    }

    private static FileTime modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Module names the files of a directory may define: their names and __virtualname__ values. */
    private static Set<String> candidates(Path dir) {
        Set<String> out = new TreeSet<>();
        for (Path p : files(dir)) {
            String f = p.getFileName().toString();
            out.add(f.substring(0, f.length() - 3));
            try {
                Matcher m = VIRTUALNAME.matcher(Files.readString(p));
                while (m.find()) {
                    out.add(m.group(1));
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("Cannot read custom module {}: {}", p, e.getMessage());
            }
        }
        return out;
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @SuppressWarnings("unchecked")
    private Loaded scan(String kind, Path dir, String stamp, Set<String> fromFiles) {
        Set<String> candidates = new TreeSet<>(fromFiles);
        Map<String, PyModule> modules = new LinkedHashMap<>();
        Map<String, Map<String, String>> functions = new LinkedHashMap<>();
        Map<String, String> unavailable = new LinkedHashMap<>();
        List<Path> paths = files(dir);
        String why = PyBridge.unavailableReason();
        if (why != null) {
            candidates.forEach(n -> unavailable.put(n, why));
            return new Loaded(stamp, candidates, modules, functions, unavailable);
        }
        Context ctx = contexts.get();
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("op", "scan");
        req.put("files", Map.of(kind, paths.stream().map(Path::toString).toList()));
        req.put("test", ctx.test());
        req.put("saltenv", "base");
        req.put("opts", PyBridge.plainContext(opts(ctx)));
        req.put("grains", PyBridge.plainContext(ctx.grains()));
        req.put("pillar", PyBridge.plainContext(ctx.pillar()));
        Map<String, Object> out;
        try {
            out = PyBridge.run(req, callbacks(ctx), "scan of " + dir);
        } catch (CommandExecutionError e) {
            LOG.error("Cannot load the custom {}: {}", kind, e.getMessage());
            candidates.forEach(n -> unavailable.put(n, e.getMessage()));
            return new Loaded(stamp, candidates, modules, functions, unavailable);
        }
        Object ret = out.get("ret") instanceof Map<?, ?> m ? m.get(kind) : null;
        if (!(ret instanceof List<?> entries)) {
            LOG.error("Cannot load the custom {}: {}", kind, out.get("error"));
            return new Loaded(stamp, candidates, modules, functions, unavailable);
        }
        for (Object o : entries) {
            Map<String, Object> e = (Map<String, Object>) o;
            String name = String.valueOf(e.get("name"));
            if (e.get("unavailable") != null) {
                LOG.info("Custom {} {} is not loaded: {}", kind, e.get("file"), e.get("unavailable"));
                unavailable.putIfAbsent(name, String.valueOf(e.get("unavailable")));
                continue;
            }
            if (!modules.containsKey(name)) {
                modules.put(name, new PyModule(name, kind, Path.of(String.valueOf(e.get("file"))), this));
                functions.put(name, new LinkedHashMap<>());
            }
            // Two files with one virtual name: Salt loads both; the first file's function wins here.
            ((Map<String, Object>) e.get("functions")).forEach(
                    (fn, doc) -> functions.get(name).putIfAbsent(fn, String.valueOf(doc)));
            candidates.add(name);
        }
        modules.keySet().forEach(unavailable::remove);
        return new Loaded(stamp, candidates, modules, functions, unavailable);
    }

    // --- what the Python side sees ---------------------------------------------------------

    /** __opts__: the minion's configuration with Salt's extension_modules and test. */
    Map<String, Object> opts(Context ctx) {
        Map<String, Object> opts = new LinkedHashMap<>(ctx.opts());
        opts.put("extension_modules", root.toString());
        opts.put("test", ctx.test());
        return opts;
    }

    /** Answers the Python side's {@code __salt__} and {@code __states__} with this call's context. */
    PyBridge.Callbacks callbacks(Context ctx) {
        return new PyBridge.Callbacks() {
            @Override
            public Object has(String kind, String fun) {
                Registry r = registry(kind);
                Registry.Function f = r == null ? null : r.function(fun);
                if (f == null) {
                    return false;
                }
                if (f.module() instanceof PyModule pm) {
                    return Map.of("file", pm.file().toString(), "name", pm.name());
                }
                return true;
            }

            @Override
            public Object call(String kind, String fun, List<Object> args, Map<String, Object> kwargs) {
                Registry r = registry(kind);
                if (r == null) {
                    throw new CommandExecutionError("The " + kind + " are not loaded in this process");
                }
                Registry.Function f = r.function(fun);
                return r.invoke(new Call(ctx, fun, args == null ? new ArrayList<>() : new ArrayList<>(args),
                        kwargs == null ? new LinkedHashMap<>() : new LinkedHashMap<>(kwargs), f == null ? null : f.doc()));
            }
        };
    }

    private Registry registry(String kind) {
        return kind.equals(STATES) ? states : execution;
    }
}
