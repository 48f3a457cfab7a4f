package io.jsalt.minion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.cli.Commands;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jsalt-call --local}: masterless, from a minion config with file_roots and pillar_roots. */
class CallLocalTest {
    @TempDir
    Path tmp;

    private Path conf;

    @BeforeEach
    void tree() throws IOException {
        conf = tmp.resolve("conf");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("minion"), """
                id: local1
                file_client: local
                root_dir: %1$s/root
                grains:
                  roles: [cache]
                file_roots:
                  base:
                    - %1$s/salt
                pillar_roots:
                  base:
                    - %1$s/pillar
                """.formatted(tmp));
        write("salt/redis/init.sls", """
                redis:
                  pkg.installed:
                    - name: {{ salt['pillar.get']('redis:pkg', 'redis') }}
                """);
        write("pillar/top.sls", "base:\n  'roles:cache':\n    - match: grain\n    - redis\n");
        write("pillar/redis.sls", "redis:\n  pkg: redis-server\n");
    }

    private void write(String rel, String text) throws IOException {
        Path p = tmp.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private record Out(int code, String stdout) { }

    private Out call(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Commands.run(new CallMain(), args);
            // Only the outputter's text: logback may print its own status lines first in a test JVM.
            String text = buf.toString(StandardCharsets.UTF_8);
            int start = text.indexOf("{\n");
            return new Out(code, (start < 0 ? text : text.substring(start)));
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void showSlsPrintsWhatSaltCallLocalPrintsAsJson() {
        Out out = call("--local", "-c", conf.toString(), "state.show_sls", "redis", "--out", "json");
        assertEquals(0, out.code());
        assertEquals("""
                {
                    "local": {
                        "redis": {
                            "pkg": [
                                {
                                    "name": "redis-server"
                                },
                                "installed",
                                {
                                    "order": 10000
                                }
                            ],
                            "__sls__": "redis",
                            "__env__": "base"
                        }
                    }
                }
                """, out.stdout());
    }

    @Test
    void pillarIsCompiledLocally() {
        Out out = call("--local", "-c", conf.toString(), "pillar.get", "redis:pkg", "--out", "json");
        assertEquals("{\n    \"local\": \"redis-server\"\n}\n", out.stdout());
    }

    @Test
    void compileErrorsComeBackAsSaltsListWithRetcodeOne() {
        Out out = call("--local", "-c", conf.toString(), "state.show_sls", "nosuch", "--out", "json");
        assertEquals(1, out.code());
        assertTrue(out.stdout().contains("No matching sls found for 'nosuch' in env 'base'"), out.stdout());
    }
}
