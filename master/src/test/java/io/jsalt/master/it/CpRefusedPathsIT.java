package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cp function given a salt:// name that could leave the file roots answers as Salt's
 * does for a missing file (salt/modules/cp.py over salt/fileserver/roots.py, whose
 * find_file returns nothing for absolute names and ".."): an empty string, False or {},
 * never a Java stack trace in the CLI's output.
 */
class CpRefusedPathsIT extends FleetCase {
    @BeforeEach
    void start() throws Exception {
        Path roots = tmp.resolve("salt");
        Files.createDirectories(roots);
        Files.writeString(roots.resolve("motd"), "hello\n");
        fleet = new TestFleet(tmp).startMaster(o -> o.put("file_roots", Map.of("base", List.of(roots.toString()))));
        fleet.acceptedMinion("web1", Map.of());
    }

    private Cli.Run run(String fun, Object... args) throws Exception {
        return new Cli(fleet.sockDir()).publish("web1", "glob", fun, List.of(args), Map.of(), 10);
    }

    @Test
    void refusedCpPathsAnswerLikeAMissingFileWithoutAStackTrace() throws Exception {
        String dest = tmp.resolve("x").toString();
        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        for (String bad : List.of("salt://../etc/shadow", "salt:///etc/shadow", "salt://motd/../../../etc/shadow",
                "salt://motd?saltenv=../../etc")) {
            expected.put("cp.get_file " + bad, "");
            expected.put("cp.cache_file " + bad, false);
            expected.put("cp.get_template " + bad, "");
            expected.put("cp.hash_file " + bad, Map.of());
        }
        expected.put("cp.list_master ../../etc", List.of());
        Map<String, Object> got = new java.util.LinkedHashMap<>();
        for (String key : expected.keySet()) {
            String[] f = key.split(" ", 2);
            Cli.Run r = f[0].equals("cp.get_file") || f[0].equals("cp.get_template")
                    ? run(f[0], f[1], dest) : run(f[0], f[1]);
            Object ret = r.returns().get("web1");
            assertFalse(String.valueOf(ret).contains("Exception") || String.valueOf(ret).contains("\tat "),
                    key + " returned a stack trace: " + ret);
            got.put(key, ret);
        }
        assertEquals(expected, got);
        assertFalse(Files.exists(Path.of(dest)));
        // The honest path still works.
        assertEquals(dest, run("cp.get_file", "salt://motd", dest).returns().get("web1"));
    }
}
