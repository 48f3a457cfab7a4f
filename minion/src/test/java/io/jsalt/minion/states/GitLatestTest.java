package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** git.latest against a real repository in a temp dir: clone, follow new commits, repair local edits. */
class GitLatestTest {
    @TempDir
    Path dir;
    StateHarness h;
    Path origin;
    Path target;

    @BeforeEach
    void setUp() throws Exception {
        h = new StateHarness(dir);
        origin = dir.resolve("origin");
        target = dir.resolve("checkout");
        Files.createDirectories(origin);
        git(origin, "init", "-q", "-b", "main");
        commit("app.txt", "v1\n");
    }

    private String commit(String file, String text) throws Exception {
        Files.writeString(origin.resolve(file), text);
        git(origin, "add", file);
        git(origin, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "c");
        return git(origin, "rev-parse", "HEAD");
    }

    static String git(Path cwd, String... args) throws Exception {
        String[] argv = new String[args.length + 1];
        argv[0] = "git";
        System.arraycopy(args, 0, argv, 1, args.length);
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", argv) + ": " + out);
        }
        return out;
    }

    @Test
    void latestTimelineClonesFollowsAndRepairs() throws Exception {
        String url = "file://" + origin;
        Object[] args = {"name", url, "target", target.toString(), "rev", "main", "force_reset", true};
        Map<String, Object> t = h.test("git.latest", args);
        assertNull(t.get("result"));
        assertEquals(url + " would be cloned to " + target, t.get("comment"));
        assertFalse(Files.exists(target));

        String c1 = git(origin, "rev-parse", "HEAD");
        Map<String, Object> r = h.apply("git.latest", args);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals(url + " cloned to " + target, r.get("comment"));
        assertEquals(Data.map("new", url + " => " + target, "revision", Data.map("old", null, "new", c1)),
                r.get("changes"));
        assertEquals("v1\n", Files.readString(target.resolve("app.txt")));

        String c2 = commit("app.txt", "v2\n");
        t = h.test("git.latest", args);
        assertNull(t.get("result"));
        assertEquals("v1\n", Files.readString(target.resolve("app.txt")));
        r = h.apply("git.latest", args);
        assertEquals(Data.map("revision", Data.map("old", c1, "new", c2)), r.get("changes"));
        assertEquals("v2\n", Files.readString(target.resolve("app.txt")));

        Files.writeString(target.resolve("app.txt"), "edited on the host\n");
        r = h.apply("git.latest", args);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("v2\n", Files.readString(target.resolve("app.txt")));

        r = h.apply("git.latest", args);
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("Repository " + target + " is up-to-date", r.get("comment"));
    }

    @Test
    void localChangesBlockAnUpdateWithoutForceReset() throws Exception {
        String url = "file://" + origin;
        h.apply("git.latest", "name", url, "target", target.toString());
        commit("app.txt", "v2\n");
        Files.writeString(target.resolve("app.txt"), "mine\n");
        Map<String, Object> r = h.apply("git.latest", "name", url, "target", target.toString());
        assertEquals(false, r.get("result"));
        assertTrue(r.get("comment").toString().contains("has local changes"), r.toString());
        assertEquals("mine\n", Files.readString(target.resolve("app.txt")));
    }
}
