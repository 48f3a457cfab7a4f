package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.CommandExecutionError;
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
    void aSymbolicLinkInTheUsersSshPathIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
        // The user owns ~/.ssh: a link there would point root's write at any file (another
        // user's authorized_keys, /etc/shadow). Salt's ssh module writes through it; jsalt refuses
        // (the state engine reports the error as the state's failure).
        Path victim = dir.resolve("victim");
        Files.writeString(victim, "untouched\n");
        Path ssh = Files.createDirectories(dir.resolve("ssh"));
        Path keys = Files.createSymbolicLink(ssh.resolve("authorized_keys"), victim);
        Exception e = assertThrows(CommandExecutionError.class, () -> h.apply("ssh_auth.present", "name", ED,
                "enc", "ssh-ed25519", "user", user, "config", keys.toString()));
        assertEquals(keys + " is a symbolic link: refusing to write the user's ssh file through it", e.getMessage());
        Path linkedDir = Files.createSymbolicLink(dir.resolve("ssh2"), ssh);
        Files.delete(keys);
        e = assertThrows(CommandExecutionError.class, () -> h.apply("ssh_auth.present", "name", ED,
                "enc", "ssh-ed25519", "user", user, "config", linkedDir.resolve("authorized_keys").toString()));
        assertTrue(e.getMessage().startsWith(linkedDir + " is a symbolic link"), e.getMessage());
        assertFalse(Files.exists(ssh.resolve("authorized_keys")));
        Path known = Files.createSymbolicLink(ssh.resolve("known_hosts"), victim);
        assertThrows(CommandExecutionError.class, () -> h.apply("ssh_known_hosts.present", "name", "db1.example.org",
                "user", user, "enc", "ssh-ed25519", "key", ED, "config", known.toString()));
        assertEquals("untouched\n", Files.readString(victim));
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
        // salt/states/git.py config_set: "{0}'{1}' would be {2} {3}" with 'Global key ' or ''.
        assertEquals("'user.email' would be added as 'deploy@example.com'", t.get("comment"));
        Map<String, Object> r = h.apply("git.config_set", email);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("'user.email' was added as 'deploy@example.com'", r.get("comment"));
        assertEquals(Data.map("user.email", Data.map("old", null, "new", List.of("deploy@example.com"))), r.get("changes"));
        r = h.apply("git.config_set", email);
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("'user.email' is already set to 'deploy@example.com'", r.get("comment"));
        assertEquals("Non-global config options require the 'repo' argument to be set",
                h.apply("git.config_set", "name", "user.email", "value", "x").get("comment"));

        // One value over a key holding several: salt/modules/git.py config_set uses --replace-all.
        h.apply("git.config_set", "name", "remote.origin.fetch", "multivar", List.of("x", "y"), "repo", repo.toString());
        r = h.apply("git.config_set", "name", "remote.origin.fetch", "value", "z", "repo", repo.toString());
        assertEquals(true, r.get("result"), r.toString());
        // An empty value is a value ([''] after the set, not []), so the state holds.
        r = h.apply("git.config_set", "name", "user.signingkey", "value", "", "repo", repo.toString());
        assertEquals(true, r.get("result"), r.toString());
        // A repository that is not there is an error, never the minion's own working directory.
        Exception e = assertThrows(CommandExecutionError.class, () -> h.apply("git.config_set", "name", "user.name",
                "value", "x", "repo", dir.resolve("nope").toString()));
        assertEquals("The repository '" + dir.resolve("nope") + "' is not an absolute path to a directory",
                e.getMessage());

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
