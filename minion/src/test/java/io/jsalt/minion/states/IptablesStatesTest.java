package io.jsalt.minion.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.minion.modules.IptablesModule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The iptables states (salt/states/iptables.py, their comments and changes) over a fake
 * iptables that keeps its tables in memory and records every argument list it is given: the
 * real tool never runs here (IptablesHostTest runs it in a test host).
 */
class IptablesStatesTest {
    @TempDir
    Path dir;
    StateHarness h;
    final FakeIptables ipt = new FakeIptables();

    @BeforeEach
    void setUp() {
        h = new StateHarness(dir, Map.of(), s -> s.put(IptablesModule.Runner.class, ipt));
    }

    @Test
    void appendTestThenSetAndSavedThenAlreadySet() throws Exception {
        String save = dir.resolve("rules.v4").toString();
        Object[] args = {"name", "allow_lo", "table", "filter", "chain", "INPUT", "jump", "ACCEPT",
                "source", "127.0.0.1", "save", save};
        String command = "iptables --wait -t filter -A INPUT  --source 127.0.0.1 --jump ACCEPT";
        Map<String, Object> t = h.test("iptables.append", args);
        assertNull(t.get("result"));
        assertEquals("iptables rule for allow_lo needs to be set (" + command + ") for ipv4", t.get("comment"));
        assertEquals(List.of(), ipt.rules("filter", "INPUT"));

        Map<String, Object> r = h.apply("iptables.append", args);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals(Data.map("locale", "allow_lo"), r.get("changes"));
        assertEquals("Set and saved iptables rule allow_lo for ipv4\n" + command + "\nWrote 1 lines to \"" + save + "\"",
                r.get("comment"));
        assertEquals(List.of("iptables", "--wait", "-t", "filter", "-A", "INPUT", "--source", "127.0.0.1", "--jump",
                "ACCEPT"), ipt.calls.get(ipt.calls.size() - 2));
        assertTrue(Files.readString(Path.of(save)).contains("-A INPUT --source 127.0.0.1 --jump ACCEPT\n"));

        r = h.apply("iptables.append", args);
        assertEquals(true, r.get("result"));
        assertEquals(Map.of(), r.get("changes"));
        assertEquals("iptables rule for allow_lo already set (" + command + ") for ipv4", r.get("comment"));
        assertEquals(1, ipt.rules("filter", "INPUT").size());

        // The saved file lost the rule: the run saves again and says so.
        Files.writeString(Path.of(save), "*filter\nCOMMIT\n");
        r = h.apply("iptables.append", args);
        assertEquals("iptables rule for allow_lo already set (" + command + ") for ipv4\nSaved iptables rule allow_lo"
                + " for ipv4\n" + command + "\nWrote 1 lines to \"" + save + "\"", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));
    }

    @Test
    void insertWithCommentPassesItAsOneArgumentAndShowsTheRuleAlone() {
        Object[] args = {"name", "ssh_in", "position", 1L, "table", "filter", "chain", "INPUT", "jump", "ACCEPT",
                "i", "eth0", "source", "10.0.0.0/8", "dport", "ssh", "proto", "tcp", "comment", "ssh in"};
        String rule = "-p tcp --dport ssh -m comment --comment \"ssh in\" -i eth0 --source 10.0.0.0/8 --jump ACCEPT";
        assertEquals("iptables rule for ssh_in needs to be set for ipv4 (" + rule + ")",
                h.test("iptables.insert", args).get("comment"));
        Map<String, Object> r = h.apply("iptables.insert", args);
        assertEquals(true, r.get("result"), r.toString());
        assertEquals("Set iptables rule for ssh_in to: " + rule + " for ipv4", r.get("comment"));
        assertEquals(List.of("iptables", "--wait", "-t", "filter", "-I", "INPUT", "1", "-p", "tcp", "--dport", "ssh",
                "-m", "comment", "--comment", "ssh in", "-i", "eth0", "--source", "10.0.0.0/8", "--jump", "ACCEPT"),
                ipt.calls.get(ipt.calls.size() - 1));
        r = h.apply("iptables.insert", args);
        assertEquals("iptables rule for ssh_in already set for ipv4 (" + rule + ")", r.get("comment"));
        assertEquals(Map.of(), r.get("changes"));

        Object[] del = {"name", "ssh_in", "chain", "INPUT", "jump", "ACCEPT", "i", "eth0", "source", "10.0.0.0/8",
                "dport", "ssh", "proto", "tcp", "comment", "ssh in"};
        assertEquals("iptables rule for ssh_in needs to be deleted for ipv4 (" + rule + ")",
                h.test("iptables.delete", del).get("comment"));
        r = h.apply("iptables.delete", del);
        assertEquals("Delete iptables rule for ssh_in " + rule, r.get("comment"));
        assertEquals(Data.map("locale", "ssh_in"), r.get("changes"));
        assertEquals(List.of(), ipt.rules("filter", "INPUT"));
        r = h.apply("iptables.delete", del);
        assertEquals("iptables rule for ssh_in already absent for ipv4 (" + rule + ")", r.get("comment"));
    }

    @Test
    void setPolicyChainsAndFlushInIpv6() {
        Object[] args = {"name", "drop", "family", "ipv6", "chain", "INPUT", "policy", "DROP"};
        Map<String, Object> t = h.test("iptables.set_policy", args);
        assertNull(t.get("result"));
        assertEquals("iptables default policy for chain INPUT on table filter for ipv6 needs to be set to DROP",
                t.get("comment"));
        Map<String, Object> r = h.apply("iptables.set_policy", args);
        assertEquals("Set default policy for INPUT to DROP family ipv6", r.get("comment"));
        assertEquals(List.of("ip6tables", "--wait", "-t", "filter", "-P", "INPUT", "DROP"),
                ipt.calls.get(ipt.calls.size() - 1));
        assertEquals("iptables default policy for chain INPUT on table filter for ipv6 already set to DROP",
                h.apply("iptables.set_policy", args).get("comment"));
        assertEquals("ACCEPT", ipt.policy("iptables", "filter", "INPUT"), "ipv4 untouched");

        assertEquals("iptables LOGDROP chain in filter table needs to be set for ipv4",
                h.test("iptables.chain_present", "name", "LOGDROP").get("comment"));
        r = h.apply("iptables.chain_present", "name", "LOGDROP");
        assertEquals("iptables LOGDROP chain in filter table create success for ipv4", r.get("comment"));
        assertEquals(Data.map("locale", "LOGDROP"), r.get("changes"));
        assertEquals("iptables LOGDROP chain is already exist in filter table for ipv4",
                h.apply("iptables.chain_present", "name", "LOGDROP").get("comment"));
        r = h.apply("iptables.chain_absent", "name", "LOGDROP");
        assertEquals("iptables LOGDROP chain in filter table delete success for ipv4", r.get("comment"));
        assertEquals("iptables LOGDROP chain is already absent in filter table for ipv4",
                h.apply("iptables.chain_absent", "name", "LOGDROP").get("comment"));

        assertEquals("iptables rules in f table filter chain ipv4 family needs to be flushed",
                h.test("iptables.flush", "name", "f", "chain", "INPUT").get("comment"));
        assertEquals("Flush iptables rules in filter table INPUT chain ipv4 family",
                h.apply("iptables.flush", "name", "f", "chain", "INPUT").get("comment"));
    }

    @Test
    void failuresAndHostileArguments() {
        ipt.failNext = "iptables: No chain/target/match by that name.";
        Map<String, Object> r = h.apply("iptables.append", "name", "x", "chain", "INPUT", "jump", "NOPE");
        assertEquals(false, r.get("result"));
        assertEquals("Failed to set iptables rule for x.\nAttempted rule was iptables --wait -t filter -A INPUT  "
                + "--jump NOPE for ipv4", r.get("comment"));
        int before = ipt.calls.size();
        CommandExecutionError e = assertThrows(CommandExecutionError.class,
                () -> h.apply("iptables.append", "name", "x", "chain", "INPUT; iptables -F", "jump", "ACCEPT"));
        assertTrue(e.getMessage().startsWith("Invalid chain 'INPUT; iptables -F'"), e.getMessage());
        e = assertThrows(CommandExecutionError.class,
                () -> h.apply("iptables.set_policy", "name", "p", "chain", "INPUT", "policy", "DROP", "family", "ipv5"));
        assertEquals("Invalid family 'ipv5': ipv4 or ipv6", e.getMessage());
        assertEquals(before, ipt.calls.size(), "nothing ran for refused arguments");
        assertFalse(ipt.calls.stream().anyMatch(c -> c.contains("sh") || c.contains("-c")));
    }

    /** Salt's __virtual__ of both: without the iptables command neither loads, and the state says why. */
    @Test
    void withoutIptablesNeitherLoads() {
        assumeTrue(io.jsalt.common.host.Which.find("iptables", System.getenv("PATH") + ":/usr/sbin:/sbin") == null,
                "iptables is installed here");
        StateHarness plain = new StateHarness(dir.resolve("plain"));
        assertEquals("'iptables' __virtual__ returned False: The iptables execution module cannot be loaded: "
                + "iptables not installed.", plain.exec.missingMessage("iptables.append"));
        assertEquals("'iptables' __virtual__ returned False: iptables module could not be loaded",
                plain.states.missingMessage("iptables.append"));
    }

    /** An iptables of lists in memory: -C/-A/-I/-D/-P/-N/-X/-F and iptables-save, per family. */
    static final class FakeIptables implements IptablesModule.Runner {
        final List<List<String>> calls = new ArrayList<>();
        /** tool -> table -> chain -> [policy, rules...]. */
        final Map<String, Map<String, Map<String, List<String>>>> state = new LinkedHashMap<>();
        String failNext;

        Map<String, List<String>> table(String tool, String table) {
            return state.computeIfAbsent(tool, k -> new LinkedHashMap<>()).computeIfAbsent(table, k -> {
                Map<String, List<String>> chains = new LinkedHashMap<>();
                for (String c : List.of("INPUT", "FORWARD", "OUTPUT")) {
                    chains.put(c, new ArrayList<>(List.of("ACCEPT")));
                }
                return chains;
            });
        }

        List<String> rules(String table, String chain) {
            List<String> c = table("iptables", table).get(chain);
            return c.subList(1, c.size());
        }

        String policy(String tool, String table, String chain) {
            return table(tool, table).get(chain).get(0);
        }

        @Override
        public IptablesModule.Run run(List<String> argv) {
            calls.add(argv);
            String tool = argv.get(0);
            if (tool.endsWith("-save")) {
                StringBuilder out = new StringBuilder();
                List<String> tables = argv.size() > 2 ? List.of(argv.get(2)) : List.of("filter");
                for (String t : tables) {
                    out.append("*").append(t).append("\n");
                    table(tool.replace("-save", ""), t).forEach((chain, l) ->
                            out.append(":").append(chain).append(" ").append(l.get(0)).append(" [0:0]\n"));
                    table(tool.replace("-save", ""), t).forEach((chain, l) -> l.subList(1, l.size()).forEach(rule ->
                            out.append("-A ").append(chain).append(" ").append(rule).append("\n")));
                    out.append("COMMIT\n");
                }
                return new IptablesModule.Run(0, out.toString(), "");
            }
            int i = 1;
            if (argv.get(i).equals("--wait")) {
                i++;
            }
            Map<String, List<String>> t = table(tool, argv.get(i + 1));
            String op = argv.get(i + 2);
            String chain = argv.size() > i + 3 ? argv.get(i + 3) : "";
            List<String> rest = argv.subList(Math.min(argv.size(), i + 4), argv.size());
            if (failNext != null && !op.equals("-C")) {
                String err = failNext;
                failNext = null;
                return new IptablesModule.Run(1, "", err);
            }
            List<String> c = t.get(chain);
            String rule = String.join(" ", rest);
            switch (op) {
                case "-C":
                    return new IptablesModule.Run(c != null && c.subList(1, c.size()).contains(rule) ? 0 : 1, "", "");
                case "-A":
                    c.add(rule);
                    break;
                case "-I":
                    c.add(Integer.parseInt(rest.get(0)), String.join(" ", rest.subList(1, rest.size())));
                    break;
                case "-D":
                    c.remove(rule);
                    break;
                case "-P":
                    c.set(0, rest.get(0));
                    break;
                case "-N":
                    t.put(chain, new ArrayList<>(List.of("-")));
                    break;
                case "-X":
                    t.remove(chain);
                    break;
                case "-F":
                    c.subList(1, c.size()).clear();
                    break;
                default:
                    return new IptablesModule.Run(2, "", "unknown " + op);
            }
            return new IptablesModule.Run(0, "", "");
        }
    }
}
