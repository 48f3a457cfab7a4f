package io.jsalt.common.render;

import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.FileRoots;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders a realistic SLS (webstack: map.jinja import with macros, pillar.get, loops over
 * sites and users, filters) over and over on one thread and prints renders per second.
 * Run: {@code java -cp common/target/classes:common/target/test-classes:<deps>
 * io.jsalt.common.render.RenderBenchmark [seconds]}, or through the test classpath.
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
        String text = Files.readString(root.resolve("webstack/init.sls"));
        Map<String, Object> grains = Yaml.loadMap(Fixtures.GRAINS + "osrelease: '12'\n", "grains");
        Map<String, Object> pillar = Yaml.loadMap(PILLAR, "pillar");
        RenderContext ctx = RenderContext.builder().grains(grains).pillar(pillar)
                .salt(Fixtures.functions(grains, pillar)).sls("webstack").build();
        Renderer renderer = new Renderer(FileRoots.base(root));

        Object data = renderer.renderSls(text, "webstack/init.sls", ctx);
        String yaml = Yaml.dump(data);
        System.out.printf("template: %d lines (+ map.jinja); rendered: %d states, %d lines of YAML%n",
                text.split("\n").length, ((Map<?, ?>) data).size(), yaml.split("\n").length);
        if (args.length > 1 && args[1].equals("--print")) {
            System.out.println(yaml);
        }
        // Every render sees a different pillar value, so every render parses its YAML: the
        // full pipeline. Then the same inputs again, when the parsed-YAML cache answers.
        @SuppressWarnings("unchecked")
        Map<String, Object> webstack = (Map<String, Object>) pillar.get("webstack");
        long[] counter = {0};
        Runnable varying = () -> {
            webstack.put("log_days", counter[0]++);
            renderer.renderSls(text, "webstack/init.sls", ctx);
        };
        Runnable same = () -> renderer.renderSls(text, "webstack/init.sls", ctx);
        measure("warm-up", varying, 3);
        measure("full pipeline (Jinja + YAML parse every time)", varying, seconds);
        measure("same inputs (parsed YAML from cache)", same, seconds);
        measure("Jinja only", () -> renderer.renderTemplate(text, "webstack/init.sls", ctx), seconds);
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
        System.out.printf("%-48s %6.0f renders/s on one thread (%.2f ms each; %.0f per CPU-second)%n",
                what + ":", n / wall, 1000 * wall / n, n / cpu);
    }

    private static Path root() throws URISyntaxException {
        return Path.of(RenderBenchmark.class.getResource("/render-bench").toURI());
    }
}
