package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The states the users formula manages a user's ssh and git files with, on files in a temp dir
 * (config paths and a repository of the test's own, so the machine's files are never touched):
 * ssh_auth.absent and ssh_auth.present with a source (salt/states/ssh_auth.py),
 * ssh_known_hosts.present/absent (salt/states/ssh_known_hosts.py over salt/modules/ssh.py) and
 * git.config_set/config_unset (salt/states/git.py over salt/modules/git.py).
 */
class UserFilesStatesTest {
    private static final String ED = "AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl";
    private static final String RSA = "AAAAB3NzaC1yc2EAAAADAQABAAAAgQC=";

    @TempDir
    Path dir;
    StateHarness h;
    String user;

    @BeforeEach
    void setUp() {
        h = new StateHarness(dir);
        user = System.getProperty("user.name");
    }

    private static boolean has(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        System.out.println("skipped: " + tool + " is not installed");
        return false;
    }

    @Test
    void sshAuthAbsentRemovesTheKeyAndKeepsTheRest() throws Exception {
        Path keys = dir.resolve("ssh/authorized_keys");
        Files.createDirectories(keys.getParent());
        Files.writeString(keys, "# managed\nssh-ed25519 " + ED + " admin@example\n\nssh-rsa " + RSA + " other\n");
        Object[] args = {"name", ED + " admin@example", "user", user, "config", keys.toString()};
        Map<String, Object> t = h.test("ssh_auth.absent", args);
        assertNull(t.get("result"));
        assertEquals("Key " + ED + " for user " + user + " is set for removal", t.get("comment"));
        Map<String, Object> r = h.apply("ssh_auth.absent", args);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("Key removed", r.get("comment"));
        assertEquals(Data.map(ED, "Removed"), r.get("changes"));
        assertEquals("# managed\nssh-rsa " + RSA + " other\n", Files.readString(keys));
        r = h.apply("ssh_auth.absent", args);
        assertEquals("Key is already absent", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));
    }

    @Test
    void sshAuthPresentAndAbsentWithASourceFile() throws Exception {
        h.saltFile("keys/admin.pub", "ssh-ed25519 " + ED + " admin@laptop\nssh-rsa " + RSA + " backup\n");
        Path keys = dir.resolve("home/.ssh/authorized_keys");
        Files.createDirectories(keys.getParent());
        Object[] args = {"name", "admin-keys", "user", user, "source", "salt://keys/admin.pub", "config", keys.toString()};
        Map<String, Object> t = h.test("ssh_auth.present", args);
        assertNull(t.get("result"));
        assertEquals("Set to add: " + ED + "\nSet to add: " + RSA + "\n", t.get("comment"));
        Map<String, Object> r = h.apply("ssh_auth.present", args);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals(Data.map("admin-keys", "New"), r.get("changes"));
        assertEquals("ssh-ed25519 " + ED + " admin@laptop\nssh-rsa " + RSA + " backup\n", Files.readString(keys));
        r = h.apply("ssh_auth.present", args);
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("All host keys in file salt://keys/admin.pub are already present", r.get("comment"));

        r = h.apply("ssh_auth.absent", args);
        assertEquals(Data.map(ED, "Removed", RSA, "Removed"), r.get("changes"));
        assertEquals("", Files.readString(keys));
        r = h.apply("ssh_auth.present", "name", "x", "user", user, "source", "salt://keys/missing.pub",
                "config", keys.toString());
        assertEquals(false, r.get("result"));
        assertEquals("Failed to add the ssh key. Source file salt://keys/missing.pub is missing", r.get("comment"));
    }

    @Test
    void knownHostsPresentWithAKeyThenAbsent() throws Exception {
        Assumptions.assumeTrue(has("ssh-keygen"));
        Path known = dir.resolve("ssh/known_hosts");
        Object[] args = {"name", "git.example.org", "user", user, "key", ED, "enc", "ssh-ed25519",
            "config", known.toString()};
        Map<String, Object> t = h.test("ssh_known_hosts.present", args);
        assertNull(t.get("result"));
        assertEquals("Key for git.example.org is set to be added to " + known, t.get("comment"));
        assertEquals("Specify either \"key\" or \"fingerprint\", not both.", h.test("ssh_known_hosts.present",
                "name", "git.example.org", "user", user, "key", ED, "enc", "ssh-ed25519", "fingerprint", "aa:bb",
                "config", known.toString()).get("comment"));

        Map<String, Object> r = h.apply("ssh_known_hosts.present", args);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("git.example.org's key saved to " + known + " (key: " + ED + ")", r.get("comment"));
        @SuppressWarnings("unchecked")
        Map<String, Object> changes = (Map<String, Object>) r.get("changes");
        assertNull(changes.get("old"));
        assertEquals(List.of(Data.map("hostname", "git.example.org", "enc", "ssh-ed25519", "key", ED)), changes.get("new"));
        // hash_known_hosts (the default) leaves no host name in the file, and ssh-keygen -F still finds it.
        String text = Files.readString(known);
        assertTrue(text.startsWith("|1|") && text.contains(" ssh-ed25519 " + ED), text);
        assertFalse(text.contains("git.example.org"), text);
        assertFalse(Files.exists(Path.of(known + ".old")));
        assertEquals("0600", io.jsalt.minion.files.Perms.mode(known));

        r = h.apply("ssh_known_hosts.present", args);
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("git.example.org already exists in " + known, r.get("comment"));
        assertEquals("Host git.example.org is already in " + known, h.test("ssh_known_hosts.present", args).get("comment"));

        Object[] gone = {"name", "git.example.org", "user", user, "config", known.toString()};
        assertEquals("Key for git.example.org is set to be removed from " + known,
                h.test("ssh_known_hosts.absent", gone).get("comment"));
        r = h.apply("ssh_known_hosts.absent", gone);
        assertEquals(true, r.get("result"), r.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> removed = (Map<String, Object>) r.get("changes");
        assertTrue(removed.containsKey("old") && removed.get("new") == null, removed.toString());
        assertFalse(Files.readString(known).contains(ED));
        assertEquals("Host is already absent", h.apply("ssh_known_hosts.absent", gone).get("comment"));
        assertEquals("If not specifying a \"user\", specify an absolute \"config\".",
                h.apply("ssh_known_hosts.absent", "name", "x", "config", "relative/known_hosts").get("comment"));
    }

    @Test
    void gitConfigSetAndUnsetInARepository() throws Exception {
        Assumptions.assumeTrue(has("git"));
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        assertEquals(0, new ProcessBuilder("git", "init", "-q", repo.toString()).inheritIO().start().waitFor());
        Object[] email = {"name", "user.email", "value", "deploy@example.com", "repo", repo.toString()};
        Map<String, Object> t = h.test("git.config_set", email);
        assertNull(t.get("result"));
        assertEquals(" 'user.email' would be added 'deploy@example.com'", t.get("comment"));
        Map<String, Object> r = h.apply("git.config_set", email);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals(" 'user.email' was added as 'deploy@example.com'", r.get("comment"));
        assertEquals(Data.map("user.email", Data.map("old", null, "new", List.of("deploy@example.com"))), r.get("changes"));
        r = h.apply("git.config_set", email);
        assertEquals(Map.of(), r.get("changes"));
        assertEquals(" 'user.email' is already set to 'deploy@example.com'", r.get("comment"));
        assertEquals("Non-global config options require the 'repo' argument to be set",
                h.apply("git.config_set", "name", "user.email", "value", "x").get("comment"));

        h.apply("git.config_set", "name", "color.ui", "value", "auto", "repo", repo.toString());
        h.apply("git.config_set", "name", "color.diff", "multivar", List.of("a", "b"), "repo", repo.toString());
        Object[] colors = {"name", "color\\..+", "repo", repo.toString()};
        r = h.apply("git.config_unset", colors);
        assertEquals(false, r.get("result"));
        assertEquals("Multivar(s) matched by the key expression (set 'all' to True to force removal): color.diff (a, b)",
                r.get("comment"));
        Object[] all = {"name", "color\\..+", "repo", repo.toString(), "all", true};
        assertEquals("2 key(s) would have value(s) unset", h.test("git.config_unset", all).get("comment"));
        r = h.apply("git.config_unset", all);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("Value(s) successfully unset", r.get("comment"));
        assertEquals(Data.map("color.ui", List.of("auto"), "color.diff", List.of("a", "b")), r.get("changes"));
        r = h.apply("git.config_unset", all);
        assertEquals("No matching keys are set", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("deploy@example.com", h.exec("git.config_get", "cwd", repo.toString(), "key", "user.email"));
    }
}
