package io.jsalt.common.render;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileRoots;
import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.state.StatePipeline;
import io.jsalt.common.state.high.HighState;
import io.jsalt.common.state.high.SlsTree;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs state.show_sls of a realistic 201-line SLS (webstack: map.jinja import with macros,
 * pillar.get, loops over sites and users, filters) over and over on one thread and prints
 * renders per second, wall clock and per CPU-second of the thread; then Jinja alone and
 * YAML alone. Run (docs/performance.md): {@code java -cp
 * common/target/classes:common/target/test-classes:<deps> io.jsalt.common.render.RenderBenchmark
 * [seconds]}.
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
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
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
        if (args.length > 1 && args[1].equals("--print")) {
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
        // The compilers need more than a few seconds for all of Jinja, YAML and the state
        // code on a busy 2-core machine: a short warm-up measured the interpreter.
        measure("warm-up", pipeline, Math.max(10, seconds));
        measure("full pipeline (state.show_sls)", pipeline, seconds);
        measure("show_sls, one renderer, same inputs", () -> showSls(roots, renderer, ctx, grains, pillar), seconds);
        measure("Jinja only", () -> renderer.renderTemplate(text, "webstack/init.sls", ctx), seconds);
        measure("YAML load only", () -> Yaml.load(rendered, "webstack/init.sls"), seconds);
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
