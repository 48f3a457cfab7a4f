package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.files.FileClient;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Family;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.plugin.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * A minion for state tests: the execution and state registries loaded through ServiceLoader
 * (so META-INF/services is exercised), fixed grains, settable pillar and opts, and a
 * FileClient serving salt:// from a temp directory. State functions are called as the
 * engine would: keyword arguments, test flag on the context.
 */
final class StateHarness {
    final Path saltRoot;
    final Map<String, Object> opts = new LinkedHashMap<>();
    final Map<String, Object> pillar = new LinkedHashMap<>();
    final Map<String, Object> grains = Data.map("id", "web1", "os", "Debian", "os_family", "Debian",
            "fqdn", "web1.example.org");
    final Registry exec;
    final Registry states;
    private final Services services = new Services();

    StateHarness(Path dir) {
        this(dir, Map.of());
    }

    /** With minion config set before the registries load (availability may depend on it). */
    StateHarness(Path dir, Map<String, Object> extraOpts) {
        this(dir, extraOpts, services -> { });
    }

    /**
     * With services of the test's own (a fake command runner) put in before the registries
     * load, so a module that finds its tool through them loads.
     */
    StateHarness(Path dir, Map<String, Object> extraOpts, Consumer<Services> extraServices) {
        extraServices.accept(services);
        this.saltRoot = dir.resolve("salt");
        try {
            Files.createDirectories(saltRoot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        opts.put("cachedir", dir.resolve("cache").toString());
        opts.putAll(extraOpts);
        services.put(FileClient.class, new DirFileClient(saltRoot));
        Context probe = context(false);
        this.exec = Registry.load(Family.EXECUTION, probe);
        this.states = Registry.load(Family.STATE, probe);
    }

    Context context(boolean test) {
        Context[] holder = new Context[1];
        Context ctx = new Context(opts, grains, pillar, exec == null ? null : exec.bind(() -> holder[0]), test,
                "20240101000000000000", LoggerFactory.getLogger("state-test"), services);
        holder[0] = ctx;
        return ctx;
    }

    /** Runs a state function with keyword arguments from alternating key/value pairs. */
    Map<String, Object> apply(String fun, Object... kv) {
        return call(false, fun, kv);
    }

    /** The same in test mode. */
    Map<String, Object> test(String fun, Object... kv) {
        return call(true, fun, kv);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> call(boolean test, String fun, Object... kv) {
        Registry.Function f = states.function(fun);
        if (f == null) {
            throw new AssertionError(states.missingMessage(fun));
        }
        Call call = new Call(context(test), fun, new ArrayList<>(), Data.map(kv), f.doc());
        return (Map<String, Object>) states.invoke(call);
    }

    /** Calls an execution function. */
    Object exec(String fun, Object... kv) {
        return exec.invoke(context(false), fun, new ArrayList<>(), Data.map(kv));
    }

    void saltFile(String rel, String text) {
        try {
            Path p = saltRoot.resolve(rel);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** salt:// served from a directory, as the master's file server would. */
    static final class DirFileClient implements FileClient {
        private final Path root;

        DirFileClient(Path root) {
            this.root = root;
        }

        private Optional<Path> find(String url) {
            Path p = root.resolve(url.substring("salt://".length())).normalize();
            return p.startsWith(root) && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        }

        @Override
        public Optional<Path> cacheFile(String saltUrl, String saltenv) {
            return find(saltUrl);
        }

        @Override
        public Optional<String> hash(String saltUrl, String saltenv) {
            return Optional.empty();
        }

        @Override
        public List<String> listFiles(String saltenv) {
            return walk(true);
        }

        @Override
        public List<String> listDirs(String saltenv) {
            return walk(false);
        }

        private List<String> walk(boolean files) {
            try (Stream<Path> s = Files.walk(root)) {
                return s.filter(p -> !p.equals(root) && Files.isRegularFile(p) == files)
                        .map(p -> root.relativize(p).toString()).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
