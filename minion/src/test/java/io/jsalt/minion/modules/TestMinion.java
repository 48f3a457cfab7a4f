package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Family;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.plugin.Services;
import io.jsalt.minion.api.RunningJobs;
import io.jsalt.minion.grains.GrainsStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * A minion in a test: the execution registry loaded through ServiceLoader (so the
 * META-INF/services file is exercised), a GrainsStore in a temp dir with fixed core grains,
 * empty pillar, and fake running jobs. Functions are called through Registry.invoke.
 */
final class TestMinion {
    /** A function's return and the job retcode it set (null when it set none). */
    record Result(Object value, Integer retcode) {}

    final Path configDir;
    final GrainsStore grains;
    final Registry registry;
    final FakeJobs jobs = new FakeJobs();
    final Map<String, Object> opts;
    private Context ctx;

    TestMinion(Path configDir, Map<String, Object> opts, Supplier<Map<String, Object>> core) {
        this.configDir = configDir;
        this.opts = opts;
        @SuppressWarnings("unchecked")
        Map<String, Object> cfg = (Map<String, Object>) opts.get("grains");
        this.grains = new GrainsStore(configDir.resolve("grains"), cfg, core);
        Services services = new Services();
        Context[] holder = new Context[1];
        Context probe = new Context(opts, grains.view(), new LinkedHashMap<>(), null, false, null,
                LoggerFactory.getLogger("test"), services);
        this.registry = Registry.load(Family.EXECUTION, probe);
        services.put(Registry.class, registry).put(GrainsStore.class, grains).put(RunningJobs.class, jobs);
        this.ctx = new Context(opts, grains.view(), new LinkedHashMap<>(), registry.bind(() -> holder[0]), false,
                "20240101000000000000", LoggerFactory.getLogger("test"), services);
        holder[0] = ctx;
    }

    TestMinion(Path configDir) {
        this(configDir, new LinkedHashMap<>(), TestMinion::fakeCore);
    }

    static Map<String, Object> fakeCore() {
        return Data.map("id", "web1", "os", "Debian", "os_family", "Debian", "osmajorrelease", 12L,
                "roles", new ArrayList<>(List.of("web")), "pkg", Data.map("apache", "apache2"),
                "fqdn", "web1.example.org", "host", "web1");
    }

    Context ctx() {
        return ctx;
    }

    Result run(String fun, List<Object> args, Map<String, Object> kwargs) {
        Registry.Function f = registry.function(fun);
        Call call = new Call(ctx, fun, new ArrayList<>(args), new LinkedHashMap<>(kwargs),
                f == null ? null : f.doc());
        Object value = registry.invoke(call);
        return new Result(value, call.retcode());
    }

    /** Calls with positional arguments only. */
    Object call(String fun, Object... args) {
        return run(fun, Arrays.asList(args), Map.of()).value();
    }

    /** Calls with keyword arguments from alternating key/value pairs. */
    Object callKw(String fun, List<Object> args, Object... kv) {
        return run(fun, args, Data.map(kv)).value();
    }

    /** Running jobs the test controls. */
    static final class FakeJobs implements RunningJobs {
        final List<Map<String, Object>> jobs = new CopyOnWriteArrayList<>();
        final List<String> killed = new CopyOnWriteArrayList<>();

        @Override
        public List<Map<String, Object>> running() {
            return new ArrayList<>(jobs);
        }

        @Override
        public boolean kill(String jid) {
            killed.add(jid);
            return jobs.removeIf(j -> jid.equals(j.get("jid")));
        }
    }
}
