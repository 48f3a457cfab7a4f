package io.jsalt.common.render;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.state.StatePipeline;
import io.jsalt.common.state.high.HighState;
import io.jsalt.common.state.high.SlsTree;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs state.show_sls of a realistic 201-line SLS (webstack: map.jinja import with macros,
 * pillar.get, loops over sites and users, filters) over and over on one thread and prints
 * renders per second, wall clock and per CPU-second of the thread; then Jinja alone and
 * YAML alone. Run (docs/performance.md): {@code java -cp
 * common/target/classes:common/target/test-classes:<deps> io.jsalt.common.render.RenderBenchmark
 * [seconds]}; with {@code --against <other build's classes:test-classes> [seconds [rounds]]} it
 * compares this build with another in one process.
 */
public final class RenderBenchmark {
    private static final String PILLAR = """
            webstack:
              extra_packages: [php-mysql, php-curl, php-gd]
              settings: {workers: 8}
              php: {memory_limit: 256M, max_execution_time: 60, upload_max_filesize: 16M}
              log_days: 30
              db:
                databases:
                  shop: {user: shop, charset: utf8mb4}
                  blog: {user: blog, host: 10.0.0.%}
              sites:
                shop: {server_name: shop.example.com, tls: true, aliases: [www.shop.example.com]}
                blog: {server_name: blog.example.com, root: /srv/blog}
                wiki: {tls: true}
                api: {server_name: api.example.com, tls: true, aliases: [v1.api.example.com, v2.api.example.com]}
                static: {root: /srv/static}
                admin: {server_name: admin.internal, tls: true}
            users:
              alice: {uid: 2001, web: true, groups: [adm], keys: [ssh-ed25519 AAAAC3 alice@laptop]}
              bob: {uid: 2002, web: true}
              carol: {uid: 2003, web: false}
              dave: {uid: 2004, web: true, shell: /bin/bash, keys: [ssh-ed25519 AAAAC4 dave@desk, ssh-rsa AAAAB3 dave@old]}
            """;

    private RenderBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[0].equals("--against")) {
            compare(args[1], args.length > 2 ? Double.parseDouble(args[2]) : 3, args.length > 3 ? Integer.parseInt(args[3]) : 10);
            return;
        }
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        Map<String, Runnable> tasks = tasks(args.length > 1 && args[1].equals("--print"));
        // The compilers need more than a few seconds for all of Jinja, YAML and the state
        // code on a busy 2-core machine: a short warm-up measured the interpreter.
        measure("warm-up", tasks.get(FULL), Math.max(10, seconds));
        for (Map.Entry<String, Runnable> t : tasks.entrySet()) {
            measure(t.getKey(), t.getValue(), seconds);
        }
    }

    private static final String FULL = "full pipeline (state.show_sls)";
    private static final String JINJA = "Jinja only";

    /** The figures' work, in the order they are printed. */
    static Map<String, Runnable> tasks(boolean print) throws Exception {
        Path root = root();
        FileRoots roots = FileRoots.base(root);
        String text = Files.readString(root.resolve("webstack/init.sls"));
        Map<String, Object> grains = Yaml.loadMap(Fixtures.GRAINS + "osrelease: '12'\n", "grains");
        Map<String, Object> pillar = Yaml.loadMap(PILLAR, "pillar");
        RenderContext ctx = RenderContext.builder().grains(grains).pillar(pillar)
                .salt(Fixtures.functions(grains, pillar)).sls("webstack").build();
        Renderer renderer = new Renderer(roots);

        String rendered = renderer.renderTemplate(text, "webstack/init.sls", ctx);
        Object data = renderer.renderSls(text, "webstack/init.sls", ctx);
        StatePipeline.Stage<Map<String, Object>> shown = showSls(roots, renderer, ctx, grains, pillar);
        if (!shown.ok()) {
            throw new IllegalStateException("the benchmark SLS does not compile: " + shown.errors());
        }
        System.out.printf("template: %d lines (+ map.jinja); rendered: %d lines of YAML, %d states%n",
                text.split("\n").length, rendered.split("\n").length, ((Map<?, ?>) data).size());
        if (print) {
            System.out.println(rendered);
        }
        // The full pipeline as a state call runs it (StateModule.highState): a renderer, state
        // tree and HighState made for the call, the SLS file read, rendered, its YAML loaded,
        // high data built and verified. Every render also sees a different pillar value, as a
        // fleet of minions with their own pillar would.
        @SuppressWarnings("unchecked")
        Map<String, Object> webstack = (Map<String, Object>) pillar.get("webstack");
        long[] counter = {0};
        Runnable pipeline = () -> {
            webstack.put("log_days", counter[0]++);
            showSls(roots, new Renderer(roots), ctx, grains, pillar);
        };
        Map<String, Runnable> tasks = new LinkedHashMap<>();
        tasks.put(FULL, pipeline);
        tasks.put("show_sls, one renderer, same inputs", () -> showSls(roots, renderer, ctx, grains, pillar));
        tasks.put(JINJA, () -> renderer.renderTemplate(text, "webstack/init.sls", ctx));
        tasks.put("YAML load only", () -> Yaml.load(rendered, "webstack/init.sls"));
        return tasks;
    }

    /**
     * Before and after in one process: this build's classes and another build's ({@code
     * other}: its common/target/classes and test-classes, joined by ':'), each loaded on its
     * own with the same libraries, warmed up together (a minute at least: a loaded machine
     * compiles slowly), then the full pipeline and Jinja alone measured in turns, in CPU time
     * of this thread. On a shared machine whose load changes from minute to minute, the two
     * builds then see the same load; the ratio per round and its median are the figures to read.
     */
    private static void compare(String other, double seconds, int rounds) throws Exception {
        List<String> mine = List.of(location(RenderBenchmark.class), location(Renderer.class));
        List<URL> libs = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!mine.contains(Path.of(e).toAbsolutePath().normalize().toString())) {
                libs.add(Path.of(e).toUri().toURL());
            }
        }
        String[] builds = {"other", "this"};
        ClassLoader[] loaders = new ClassLoader[2];
        List<Map<String, Runnable>> tasks = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            List<URL> urls = new ArrayList<>();
            for (String dir : b == 0 ? List.of(other.split(":")) : mine) {
                urls.add(Path.of(dir).toUri().toURL());
            }
            urls.addAll(libs);
            loaders[b] = new BenchmarkLoader(urls);
            // Jinjava finds its expression factory through the context class loader.
            Thread.currentThread().setContextClassLoader(loaders[b]);
            java.lang.reflect.Method make = loaders[b].loadClass(RenderBenchmark.class.getName())
                    .getDeclaredMethod("tasks", boolean.class);
            make.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, Runnable> t = (Map<String, Runnable>) make.invoke(null, false);
            tasks.add(t);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long warm = System.nanoTime() + (long) (Math.max(60, 10 * seconds) * 1e9);
        while (System.nanoTime() < warm) {
            for (int b = 0; b < 2; b++) {
                Thread.currentThread().setContextClassLoader(loaders[b]);
                for (int i = 0; i < 20; i++) {
                    tasks.get(b).get(FULL).run();
                    tasks.get(b).get(JINJA).run();
                }
            }
        }
        for (String figure : List.of(FULL, JINJA)) {
            double[][] micros = new double[2][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 2; k++) {
                    int b = r % 2 == 0 ? k : 1 - k; // who goes first alternates
                    Thread.currentThread().setContextClassLoader(loaders[b]);
                    long cpu0 = mx.getCurrentThreadCpuTime();
                    long end = System.nanoTime() + (long) (seconds * 1e9);
                    long n = 0;
                    while (System.nanoTime() < end) {
                        tasks.get(b).get(figure).run();
                        n++;
                    }
                    micros[b][r] = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / n;
                }
            }
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratio[r] = micros[1][r] / micros[0][r];
            }
            System.out.printf("%-32s %s %.0f per CPU-second, %s %.0f (medians of %d rounds of %.0f s); "
                    + "this/other CPU per render: median %.3f, rounds %.3f-%.3f%n", figure + ":", builds[0],
                    1e6 / median(micros[0]), builds[1], 1e6 / median(micros[1]), rounds, seconds, median(ratio),
                    Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0));
        }
    }

    /** A build's classes, with this benchmark's own code (the other build's may be older). */
    private static final class BenchmarkLoader extends URLClassLoader {
        BenchmarkLoader(List<URL> urls) {
            super(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(RenderBenchmark.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    try (java.io.InputStream in = RenderBenchmark.class.getResourceAsStream("RenderBenchmark.class")) {
                        byte[] code = in.readAllBytes();
                        c = defineClass(name, code, 0, code.length);
                    } catch (java.io.IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return c;
            }
        }
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize()
                .toString();
    }

    private static double median(double[] x) {
        double[] y = x.clone();
        Arrays.sort(y);
        return y.length % 2 == 1 ? y[y.length / 2] : (y[y.length / 2 - 1] + y[y.length / 2]) / 2;
    }

    /** What state.show_sls webstack does on a minion: a HighState for the call, render, verify. */
    private static StatePipeline.Stage<Map<String, Object>> showSls(FileRoots roots, Renderer renderer,
            RenderContext ctx, Map<String, Object> grains, Map<String, Object> pillar) {
        HighState highState = new HighState(new SlsTree(roots), renderer, ctx, new Matcher(),
                new MinionData("web1", grains, pillar));
        return new StatePipeline(highState).showSls("base", List.of("webstack"));
    }

    private static void measure(String what, Runnable render, double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpu0 = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long n = 0;
        while (System.nanoTime() < end) {
            render.run();
            n++;
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
        System.out.printf("%-46s %6.0f renders/s on one thread (%.2f ms each; %.0f per CPU-second)%n",
                what + ":", n / wall, 1000 * wall / n, n / cpu);
    }

    private static Path root() throws URISyntaxException {
        return Path.of(RenderBenchmark.class.getResource("/render-bench").toURI());
    }
}
