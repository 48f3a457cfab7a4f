package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.CommandExecutionError;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * iptables.build_rule against the expected strings of Salt's own test
 * (tests/pytests/unit/modules/test_iptables.py, test_build_rule), following
 * salt/modules/iptables.py build_rule: the text must match Salt's exactly, because the
 * states find a rule added earlier with {@code iptables -C} on this text.
 */
class IptablesBuildRuleTest {
    private static String rule(Object... kv) {
        return IptablesModule.buildRule("filter", null, null, "", false, "ipv4", Data.map(kv));
    }

    @Test
    void saltsExpectedRules() {
        assertEquals("", rule());
        assertEquals("", rule("name", "ignored", "state", "ignored"), "build_rule should ignore name and state");
        assertEquals("! -i eth0", rule("if", "!eth0"));
        assertEquals("! -i eth0", rule("if", "not eth0"));
        assertEquals("-p tcp ! --syn", rule("protocol", "tcp", "syn", "!"));
        assertEquals("-p tcp -m multiport --dports 80,443", rule("dports", List.of(80L, 443L), "protocol", "tcp"));
        assertEquals("-p tcp -m multiport --dports 80,443", rule("dports", "80,443", "protocol", "tcp"));
        assertEquals("-p tcp -m multiport ! --dports 80,443", rule("dports", List.of("!80", 443L), "protocol", "tcp"));
        assertEquals("-p tcp -m multiport ! --dports 80,443", rule("dports", "!80,443", "protocol", "tcp"));
        assertEquals("-p tcp -m multiport --sports 80,443", rule("sports", List.of(80L, 443L), "protocol", "tcp"));
        assertEquals("-p tcp -m multiport --sports 80,443", rule("sports", "80,443", "protocol", "tcp"));
        assertEquals("--jump REDIRECT --to-port 8080", rule("jump", "REDIRECT", "to-port", 8080L));
        assertEquals("--jump LOG --log-prefix \"long prefix\"", rule("jump", "LOG", "log-prefix", "long prefix"));
        assertEquals("--jump LOG --log-prefix \"spam: \"", rule("jump", "LOG", "log-prefix", "spam: "));
        assertEquals("--jump CLUSTERIP --new", rule("jump", "CLUSTERIP", "new", ""));
        assertEquals("--jump CT --notrack", rule("jump", "CT", "notrack", null));
        assertEquals("-m set --match-set src flag1,flag2", rule("match-set", "src flag1,flag2"));
        assertEquals("-m set --match-set src1 flag1 -m set --match-set src2 flag2,flag3",
                rule("match-set", List.of("src1 flag1", "src2 flag2,flag3")));
        assertEquals("-m set ! --match-set src flag", rule("match-set", "!src flag"));
        assertEquals("-m set --match-set src1 flag -m set ! --match-set src2 flag2",
                rule("match-set", List.of("src1 flag", "not src2 flag2")));
        assertEquals("-m recent --name SSH", rule("match", "recent", "name_", "SSH"));
        assertEquals("-m recent --update", rule("match", "recent", "update", null));
    }

    @Test
    void saltsExpectedErrorsAndFullCommand() {
        Map<String, Object> dports = Data.map("dports", "protocol", "jump", "ACCEPT");
        assertEquals("Error: protocol must be specified",
                IptablesModule.buildRule("filter", "INPUT", "I", "3", true, "ipv4", dports));
        Map<String, Object> state = Data.map("match", "state", "jump", "ACCEPT");
        assertEquals("Error: Table needs to be specified", IptablesModule.buildRule("", "INPUT", "I", "3", true, "ipv4", state));
        assertEquals("Error: Chain needs to be specified", IptablesModule.buildRule("filter", "", "I", "3", true, "ipv4", state));
        assertEquals("Error: Command needs to be specified",
                IptablesModule.buildRule("filter", "INPUT", "", "3", true, "ipv4", state));
        // Salt's expected text is "/sbin/iptables --wait -t salt -I INPUT 3 -m state --jump ACCEPT"
        // with the tool's path mocked; here it is wherever iptables is found (its name when nowhere).
        String full = IptablesModule.buildRule("salt", "INPUT", "I", "3", true, "ipv4", state);
        assertTrue(full.matches("\\S*iptables --wait -t salt -I INPUT 3 -m state --jump ACCEPT"), full);
        assertTrue(IptablesModule.buildRule("filter", "INPUT", "A", "", true, "ipv6", Data.map("jump", "DROP"))
                .matches("\\S*ip6tables --wait -t filter -A INPUT  --jump DROP"));
    }

    /** The iptables formula's rules: connstate, comment, interfaces and state-only keys in SLS order. */
    @Test
    void formulaRulesKeepSaltsOrderAndDropStateKeys() {
        assertEquals("-m state --state RELATED,ESTABLISHED --jump ACCEPT",
                rule("match", "state", "connstate", "RELATED,ESTABLISHED", "jump", "ACCEPT"));
        assertEquals("-m conntrack --ctstate RELATED,ESTABLISHED --jump ACCEPT",
                rule("table", "filter", "chain", "INPUT", "jump", "ACCEPT", "match", "conntrack",
                        "ctstate", "RELATED,ESTABLISHED", "save", true, "order", 10L, "require", List.of()));
        assertEquals("-p udp --dport snmp -m comment --comment \"snmp in\" -i eth0 --source 10.0.0.0/8 --jump ACCEPT",
                rule("position", 1L, "table", "filter", "chain", "INPUT", "jump", "ACCEPT", "i", "eth0",
                        "source", "10.0.0.0/8", "dport", "snmp", "proto", "udp", "comment", "snmp in"));
        assertEquals("! --source 127.0.0.1", rule("source", "! 127.0.0.1"));
    }

    @Test
    void hostileArgumentsAreRefusedWithTheirName() {
        CommandExecutionError e = assertThrows(CommandExecutionError.class, () -> rule("comment", "x\" -j DROP \""));
        assertEquals("Invalid value for iptables option 'comment': it contains a double quote or a control character",
                e.getMessage());
        assertThrows(CommandExecutionError.class, () -> rule("source", "1.2.3.4\n-F"));
        e = assertThrows(CommandExecutionError.class, () -> rule("--flush", "INPUT"));
        assertEquals("Invalid iptables option '--flush': letters, digits, _ and -", e.getMessage());
        e = assertThrows(CommandExecutionError.class, () -> IptablesModule.chain("-F"));
        assertTrue(e.getMessage().startsWith("Invalid chain '-F'"), e.getMessage());
        assertThrows(CommandExecutionError.class, () -> IptablesModule.table("filter -F"));
    }
}
