package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.common.data.Data;
import io.jsalt.minion.testhost.TestHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The iptables states against Debian's real iptables in a throwaway test host, whose network
 * namespace is its own: an append and a set_policy (salt/states/iptables.py) change the
 * firewall and save it on the first run and change nothing on the second, which finds the
 * rule with {@code iptables -C} on the text build_rule gave. The package comes through the
 * host's apt cache; the machine's own firewall is never touched.
 */
class IptablesHostTest {
    @Test
    void appendAndPolicyChangeOnceThenNothing() throws Exception {
        assumeTrue(Files.exists(Path.of("/etc/debian_version")), "needs Debian");
        try (TestHost host = TestHost.create("iptables-states")) {
            host.fetch("iptables");
            try (HostHarness h = new HostHarness(host, "/tmp/h")) {
                boolean refresh = !host.sh("apt-cache policy iptables | grep -q 'Candidate: [0-9]'").ok();
                Map<String, Object> r = h.apply("pkg.installed", "name", "iptables", "refresh", refresh);
                assertEquals(true, r.get("result"), r.toString());
            }
            // A new minion: the module loads only where the iptables command is found.
            try (HostHarness h = new HostHarness(host, "/tmp/h2")) {
                Object[] append = {"name", "allow_established", "table", "filter", "chain", "INPUT", "jump", "ACCEPT",
                        "match", "conntrack", "ctstate", "RELATED,ESTABLISHED", "save", "/tmp/rules.v4"};
                Object[] policy = {"name", "default_drop", "table", "filter", "chain", "INPUT", "policy", "DROP",
                        "save", "/tmp/rules.v4"};
                Map<String, Object> t = h.test("iptables.append", append);
                assertNull(t.get("result"), t.toString());

                Map<String, Object> r = h.apply("iptables.append", append);
                assertEquals(true, r.get("result"), r.toString());
                assertEquals(Data.map("locale", "allow_established"), r.get("changes"));
                r = h.apply("iptables.set_policy", policy);
                assertEquals(true, r.get("result"), r.toString());
                assertEquals("Set and saved default policy for INPUT to DROP family ipv4", r.get("comment"));

                String rules = host.exec("iptables", "-S", "INPUT").output();
                assertTrue(rules.contains("-P INPUT DROP"), rules);
                assertTrue(rules.contains("-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT"), rules);
                String saved = host.exec("cat", "/tmp/rules.v4").output();
                assertTrue(saved.contains(":INPUT DROP") && saved.contains("--ctstate RELATED,ESTABLISHED"), saved);

                r = h.apply("iptables.append", append);
                assertEquals(true, r.get("result"), r.toString());
                assertEquals(Map.of(), r.get("changes"), r.toString());
                assertTrue(String.valueOf(r.get("comment")).startsWith("iptables rule for allow_established already set"),
                        r.toString());
                r = h.apply("iptables.set_policy", policy);
                assertEquals(Map.of(), r.get("changes"), r.toString());
                assertEquals("iptables default policy for chain INPUT on table filter for ipv4 already set to DROP",
                        r.get("comment"));
                assertEquals(1, host.exec("iptables", "-S", "INPUT").output().lines()
                        .filter(l -> l.startsWith("-A INPUT")).count(), "the rule was added once");
            }
        }
    }
}
