package io.jsalt.common.render;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.plugin.FunctionNotAvailable;
import io.jsalt.common.plugin.Functions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A minion's worth of context for render tests: grains, pillar and a few functions. */
final class Fixtures {
    private Fixtures() {}

    static final String GRAINS = """
            id: web1
            os: Debian
            os_family: Debian
            roles: [web, redis]
            mem_total: 2048
            ipv4: [127.0.0.1, 10.0.0.5]
            """;

    static final String PILLAR = """
            redis:
              port: 6380
              bind: 0.0.0.0
              lookup: {pkg: redis-server}
            users:
              alice: {uid: 1001, shell: /bin/bash}
              bob: {uid: 1002}
            mydict: {a: b, n: null, t: true}
            packages: [vim, curl, vim]
            template: "{{ 7 * 7 }}"
            """;

    static Path corpus() {
        try {
            return Path.of(Fixtures.class.getResource("/render").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Renders a template text (no file roots) as t/init.sls with the fixture context. */
    static String jinja(String text) {
        return new Renderer(null).renderTemplate(text, "t/init.sls", context("t"));
    }

    /** The RenderException a template text fails with. */
    static RenderException jinjaError(String text) {
        return org.junit.jupiter.api.Assertions.assertThrows(RenderException.class, () -> jinja(text));
    }

    /** Checks that a template text fails with a problem starting with {@code start} (Salt's header and message). */
    static void assertProblemStarts(String text, String start) {
        RenderException e = jinjaError(text);
        org.junit.jupiter.api.Assertions.assertTrue(e.problem().startsWith(start), e.problem());
    }

    /** The RenderException a template text fails with, checked to name the line and to say the fragment. */
    static RenderException jinjaErrorAt(String text, int line, String fragment) {
        RenderException e = jinjaError(text);
        org.junit.jupiter.api.Assertions.assertEquals(line, e.line(), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(fragment), e.getMessage());
        return e;
    }

    static RenderContext context(String sls) {
        Map<String, Object> grains = Yaml.loadMap(GRAINS, "grains");
        Map<String, Object> pillar = Yaml.loadMap(PILLAR, "pillar");
        return RenderContext.builder().grains(grains).pillar(pillar).salt(functions(grains, pillar)).sls(sls).build();
    }

    /** pillar.get, grains.get, grains.filter_by and test.echo with Salt's argument rules. */
    static Functions functions(Map<String, Object> grains, Map<String, Object> pillar) {
        return new Functions() {
            @Override
            @SuppressWarnings("unchecked")
            public Object call(String fun, List<Object> args, Map<String, Object> kwargs) {
                List<Object> a = new ArrayList<>(args);
                switch (fun) {
                    case "pillar.get":
                    case "grains.get": {
                        Object root = fun.startsWith("pillar") ? pillar : grains;
                        String key = (String) (kwargs.containsKey("key") ? kwargs.get("key") : a.get(0));
                        Object dflt = kwargs.containsKey("default") ? kwargs.get("default") : a.size() > 1 ? a.get(1) : "";
                        return Data.get(root, key, dflt);
                    }
                    case "grains.filter_by": {
                        Map<String, Object> lookup = (Map<String, Object>) a.get(0);
                        Object found = lookup.get(String.valueOf(grains.get("os_family")));
                        Map<String, Object> out = found == null ? new java.util.LinkedHashMap<>()
                                : (Map<String, Object>) Data.deepCopy(found);
                        Object merge = kwargs.get("merge");
                        if (merge instanceof Map<?, ?> m && !m.isEmpty()) {
                            out = Data.deepMerge(out, (Map<String, Object>) merge);
                        }
                        return out;
                    }
                    case "test.echo":
                        return a.get(0);
                    case "cmd.fail":
                        throw new io.jsalt.common.plugin.CommandExecutionError("command failed: " + a);
                    default:
                        throw new FunctionNotAvailable("'" + fun + "' is not available.");
                }
            }

            @Override
            public boolean has(String fun) {
                return List.of("pillar.get", "grains.get", "grains.filter_by", "test.echo").contains(fun);
            }
        };
    }
}
