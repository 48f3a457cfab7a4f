package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.minion.testhost.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * user and group states on real accounts of a throwaway test host; each test's names are
 * unique and removed after, and never reach the machine running the test.
 */
class UserGroupStatesTest {
    @RegisterExtension
    static final TestHost.PerClass HOST = TestHost.perClass("user-group-states");
    HostHarness h;
    final String suffix = UUID.randomUUID().toString().substring(0, 6);
    final String user = "jsaltu" + suffix;
    final String group = "jsaltg" + suffix;

    @BeforeEach
    void setUp() {
        h = new HostHarness(HOST.host(), "/tmp/h-" + suffix);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (h != null) {
            h.close();
            HOST.host().exec("userdel", "-r", user);
            HOST.host().exec("groupdel", user);
            HOST.host().exec("groupdel", group);
            String machine = Files.readString(Path.of("/etc/passwd")) + Files.readString(Path.of("/etc/group"));
            assertTrue(!machine.contains(user) && !machine.contains(group), "an account reached the machine");
        }
    }

    /**
     * salt/states/user.py present looks nothing up for gid before its test=True report, so a
     * dry run whose group.present has not run says the user is set to be added (openvpn-formula's
     * user openvpn of group openvpn); the real run refuses the missing group.
     */
    @Test
    void aPrimaryGroupNotYetCreatedIsNoDryRunFailure() {
        Map<String, Object> t = h.test("user.present", "name", user, "gid", group);
        assertNull(t.get("result"), t.toString());
        assertEquals("User " + user + " set to be added", t.get("comment"));
        Map<String, Object> r = h.apply("user.present", "name", user, "gid", group);
        assertEquals(false, r.get("result"));
        assertEquals("The following group(s) are not present: " + group, r.get("comment"));
        assertEquals(Map.of(), h.exec("user.info", "name", user));
    }

    @Test
    void groupTimeline() {
        Map<String, Object> t = h.test("group.present", "name", group, "gid", 47311L);
        assertNull(t.get("result"));
        assertEquals("Group " + group + " set to be added", t.get("comment"));
        assertEquals(Map.of(), h.exec("group.info", "name", group));

        Map<String, Object> r = h.apply("group.present", "name", group, "gid", 47311L);
        assertEquals("New group " + group + " created", r.get("comment"));
        assertEquals(Data.map("name", group, "passwd", "x", "gid", 47311L, "members", List.of()), r.get("changes"));

        h.exec("group.chgid", "name", group, "gid", 47312L);
        r = h.apply("group.present", "name", group, "gid", 47311L);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals(Data.map("Final", "All changes applied successfully"), r.get("changes"));
        r = h.apply("group.present", "name", group, "gid", 47311L);
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("Group " + group + " is present and up to date", r.get("comment"));

        r = h.apply("group.absent", "name", group);
        assertEquals("Removed group " + group, r.get("comment"));
        assertEquals("Group not present", h.apply("group.absent", "name", group).get("comment"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void userTimeline() {
        h.apply("group.present", "name", group);
        Object[] args = {"name", user, "shell", "/bin/sh", "home", "/home/" + user, "groups", List.of(group),
            "fullname", "Test User"};
        Map<String, Object> t = h.test("user.present", args);
        assertNull(t.get("result"));
        assertEquals("User " + user + " set to be added", t.get("comment"));

        Map<String, Object> r = h.apply("user.present", args);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("New user " + user + " created", r.get("comment"));
        Map<String, Object> ch = (Map<String, Object>) r.get("changes");
        assertEquals("/bin/sh", ch.get("shell"));
        assertEquals("Test User", ch.get("fullname"));
        assertTrue(((List<Object>) ch.get("groups")).contains(group), ch.toString());

        h.exec("user.chshell", "name", user, "shell", "/bin/bash");
        t = h.test("user.present", args);
        assertEquals("The following user attributes are set to be changed:\nshell: /bin/sh\n", t.get("comment"));
        r = h.apply("user.present", args);
        assertEquals(Data.map("shell", "/bin/sh"), r.get("changes"));
        assertEquals("Updated user " + user, r.get("comment"));

        r = h.apply("user.present", args);
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("User " + user + " is present and up to date", r.get("comment"));

        r = h.apply("user.absent", "name", user, "purge", true);
        assertEquals("Removed user " + user, r.get("comment"));
        assertEquals(Data.map(user, "removed"), r.get("changes"));
        assertEquals("User " + user + " is not present", h.apply("user.absent", "name", user).get("comment"));
    }
}
