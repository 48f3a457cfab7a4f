package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import io.jsalt.common.py.PyRepr;
import io.jsalt.minion.modules.IptablesModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's iptables states (salt/states/iptables.py): rules appended, inserted and deleted when
 * {@code iptables -C} says they are missing or present, chain policies, user chains and
 * flushes; with {@code save} the rules go where the distribution loads them at boot. Comments
 * and changes ({@code {locale: name}}) are Salt's words.
 */
public final class IptablesStates implements StatePlugin {
    private static final String RULE_DOC = """
            name
                A name to call this rule by; not part of the rule.
            table
                The table that owns the chain (default filter).
            chain
                The chain to change.
            family
                ipv4 (iptables, the default) or ipv6 (ip6tables).
            save
                True saves the family's rules to the file the distribution loads at boot (/etc/iptables/rules.v4 or \
            rules.v6 on Debian); a path saves them there.

            Every other argument is an iptables long option of the same name (connstate for --state, dport, \
            dports, source, jump, comment, i, o, ...), built into the rule as Salt's iptables.build_rule builds it; \
            a value starting with ! or not negates the option.""";

    @Override
    public String name() {
        return "iptables";
    }

    @Override
    public String doc() {
        return "Management of iptables.";
    }

    /** Salt's __virtual__: these states load only where the iptables module does. */
    @Override
    public String unavailableReason(Context ctx) {
        return new IptablesModule().unavailableReason(ctx) == null ? null : "iptables module could not be loaded";
    }

    @Fn(doc = "Verify the chain exists.\n\nname\n    A user-defined chain name.\ntable\n    The table to own the chain.\n"
            + "family\n    Networking family, either ipv4 or ipv6.",
            example = """
            LOGDROP:
              iptables.chain_present:
                - table: filter""")
    public Object chain_present(Call c) {
        String name = c.requiredStr(0, "name");
        String table = c.str(1, "table", "filter");
        String family = c.str(2, "family", "ipv4");
        Ret ret = new Ret(name);
        if (Boolean.TRUE.equals(c.salt("iptables.check_chain", List.of(table, name, family), Map.of()))) {
            return ret.done("iptables " + name + " chain is already exist in " + table + " table for " + family);
        }
        if (c.ctx().test()) {
            return ret.wouldChange("iptables " + name + " chain in " + table + " table needs to be set for " + family);
        }
        Object command = c.salt("iptables.new_chain", List.of(table, name, family), Map.of());
        if (Boolean.TRUE.equals(command)) {
            ret.changes.put("locale", name);
            return ret.done("iptables " + name + " chain in " + table + " table create success for " + family);
        }
        return ret.fail("Failed to create " + name + " chain in " + table + " table: " + str(command).strip() + " for "
                + family);
    }

    @Fn(doc = "Verify the chain is absent (flushed, then deleted).\n\nfamily\n    Networking family, either ipv4 or ipv6.",
            example = """
            LOGDROP:
              iptables.chain_absent:
                - table: filter""")
    public Object chain_absent(Call c) {
        String name = c.requiredStr(0, "name");
        String table = c.str(1, "table", "filter");
        String family = c.str(2, "family", "ipv4");
        Ret ret = new Ret(name);
        if (!Data.truthy(c.salt("iptables.check_chain", List.of(table, name, family), Map.of()))) {
            return ret.done("iptables " + name + " chain is already absent in " + table + " table for " + family);
        }
        if (c.ctx().test()) {
            return ret.wouldChange("iptables " + name + " chain in " + table + " table needs to be removed " + family);
        }
        Object flush = c.salt("iptables.flush", List.of(table, name, family), Map.of());
        if (Data.truthy(flush)) {
            return ret.fail("Failed to flush " + name + " chain in " + table + " table: " + str(flush).strip() + " for "
                    + family);
        }
        Object command = c.salt("iptables.delete_chain", List.of(table, name, family), Map.of());
        if (Boolean.TRUE.equals(command)) {
            ret.changes.put("locale", name);
            return ret.done("iptables " + name + " chain in " + table + " table delete success for " + family);
        }
        return ret.fail("Failed to delete " + name + " chain in " + table + " table: " + str(command).strip() + " for "
                + family);
    }

    @Fn(doc = "Add a rule to the end of the specified chain. If the rule is already present anywhere in the chain, "
            + "its position is not changed.\n\n" + RULE_DOC,
            example = """
            httpd:
              iptables.append:
                - table: filter
                - chain: INPUT
                - jump: ACCEPT
                - match: state
                - connstate: NEW
                - dport: 80
                - proto: tcp
                - save: True""")
    public Object append(Call c) {
        Rule r = rule(c, "A", "True");
        Ret ret = new Ret(r.name);
        if (r.present(c)) {
            ret.comment = "iptables rule for " + r.name + " already set (" + r.command + ") for " + r.family;
            return r.saveIfDiffers(c, ret);
        }
        if (c.ctx().test()) {
            return ret.wouldChange("iptables rule for " + r.name + " needs to be set (" + r.command + ") for " + r.family);
        }
        if (!Boolean.TRUE.equals(c.salt("iptables.append", List.of(r.table, r.chain, r.rule, r.family), Map.of()))) {
            return ret.fail("Failed to set iptables rule for " + r.name + ".\nAttempted rule was " + r.command + " for "
                    + r.family);
        }
        return r.changed(c, ret, "Set iptables rule for " + r.name + " to: " + r.command + " for " + r.family,
                "Set and saved");
    }

    @Fn(doc = "Insert a rule into a chain at a position (1 is the first). If the rule is already present anywhere in "
            + "the chain, its position is not changed.\n\nposition\n    Where the rule goes in the chain.\n" + RULE_DOC,
            example = """
            httpd:
              iptables.insert:
                - position: 1
                - table: filter
                - chain: INPUT
                - jump: ACCEPT
                - dport: 80
                - proto: tcp""")
    public Object insert(Call c) {
        Rule r = rule(c, "I", true);
        Ret ret = new Ret(r.name);
        if (r.present(c)) {
            ret.comment = "iptables rule for " + r.name + " already set for " + r.family + " (" + r.command + ")";
            return r.saveIfDiffers(c, ret);
        }
        if (c.ctx().test()) {
            return ret.wouldChange("iptables rule for " + r.name + " needs to be set for " + r.family + " (" + r.command
                    + ")");
        }
        Object position = c.required(-1, "position");
        if (Data.truthy(c.salt("iptables.insert", List.of(r.table, r.chain, position, r.rule, r.family), Map.of()))) {
            return ret.fail("Failed to set iptables rule for " + r.name + ".\nAttempted rule was " + r.command);
        }
        return r.changed(c, ret, "Set iptables rule for " + r.name + " to: " + r.command + " for " + r.family,
                "Set and saved");
    }

    @Fn(doc = "Delete a rule from a chain if present (or the rule at position). If the rule is already absent, this "
            + "is not an error and nothing is changed.\n\nposition\n    Delete the rule at this position instead.\n"
            + RULE_DOC,
            example = """
            httpd:
              iptables.delete:
                - table: filter
                - chain: INPUT
                - jump: ACCEPT
                - dport: 80
                - proto: tcp""")
    public Object delete(Call c) {
        Rule r = rule(c, "D", true);
        Ret ret = new Ret(r.name);
        boolean byPosition = c.kwargs().containsKey("position");
        if (!r.present(c) && !byPosition) {
            return ret.done("iptables rule for " + r.name + " already absent for " + r.family + " (" + r.command + ")");
        }
        if (c.ctx().test()) {
            return ret.wouldChange("iptables rule for " + r.name + " needs to be deleted for " + r.family + " ("
                    + r.command + ")");
        }
        Object result = byPosition
                ? c.salt("iptables.delete", List.of(r.table, r.chain),
                        Data.map("family", r.family, "position", c.kwargs().get("position")))
                : c.salt("iptables.delete", List.of(r.table, r.chain), Data.map("family", r.family, "rule", r.rule));
        if (Data.truthy(result)) {
            return ret.fail("Failed to delete iptables rule for " + r.name + ".\nAttempted rule was " + r.command);
        }
        return r.changed(c, ret, "Delete iptables rule for " + r.name + " " + r.command, "Deleted and saved");
    }

    @Fn(doc = """
            Sets the default policy of a built-in chain.

            table
                The table that owns the chain (default filter).
            chain
                The chain.
            policy
                The requested policy (ACCEPT or DROP).
            family
                Networking family, either ipv4 or ipv6.
            save
                True or a path: save the rules as the append state does.""",
            example = """
            default_drop:
              iptables.set_policy:
                - chain: INPUT
                - policy: DROP""")
    public Object set_policy(Call c) {
        String name = c.requiredStr(0, "name");
        String table = c.str(-1, "table", "filter");
        String family = c.str(-1, "family", "ipv4");
        String chain = c.requiredStr(-1, "chain");
        String policy = c.requiredStr(-1, "policy");
        Ret ret = new Ret(name);
        Object current = c.salt("iptables.get_policy", List.of(table, chain, family), Map.of());
        if (policy.equals(current)) {
            return ret.done("iptables default policy for chain " + chain + " on table " + table + " for " + family
                    + " already set to " + policy);
        }
        if (c.ctx().test()) {
            return ret.wouldChange("iptables default policy for chain " + chain + " on table " + table + " for " + family
                    + " needs to be set to " + policy);
        }
        if (Data.truthy(c.salt("iptables.set_policy", List.of(table, chain, policy, family), Map.of()))) {
            return ret.fail("Failed to set iptables default policy");
        }
        ret.changes.put("locale", name);
        ret.comment = "Set default policy for " + chain + " to " + policy + " family " + family;
        Object save = c.kwargs().get("save");
        if (Data.truthy(save)) {
            c.salt("iptables.save", List.of(), Data.map("filename", saveFile(save), "family", family));
            ret.comment = "Set and saved default policy for " + chain + " to " + policy + " family " + family;
        }
        return ret.toMap();
    }

    @Fn(doc = """
            Flush the rules of a chain, or of every chain in the table when no chain is given.

            table
                The table that owns the chain (default filter).
            chain
                The chain to be flushed.
            family
                Networking family, either ipv4 or ipv6.""",
            example = """
            flush_input:
              iptables.flush:
                - chain: INPUT""")
    public Object flush(Call c) {
        String name = c.requiredStr(0, "name");
        String table = c.str(-1, "table", "filter");
        String family = c.str(-1, "family", "ipv4");
        String chain = c.str(-1, "chain", "");
        Ret ret = new Ret(name);
        if (c.ctx().test()) {
            // Salt formats the name where the table goes and the table where the chain goes.
            return ret.wouldChange("iptables rules in " + name + " table " + table + " chain " + family
                    + " family needs to be flushed");
        }
        if (Data.truthy(c.salt("iptables.flush", List.of(table, chain, family), Map.of()))) {
            return ret.fail("Failed to flush iptables rules");
        }
        ret.changes.put("locale", name);
        return ret.done("Flush iptables rules in " + table + " table " + chain + " chain " + family + " family");
    }

    /** One rule state's arguments: the rule as build_rule gives it, and the command text comments show. */
    private record Rule(String name, String table, String chain, String family, String rule, String command,
                        Object save) {
        boolean present(Call c) {
            return Boolean.TRUE.equals(c.salt("iptables.check", List.of(table, chain, rule, family), Map.of()));
        }

        /** A rule already present is saved only when the saved rules differ from those in memory. */
        Map<String, Object> saveIfDiffers(Call c, Ret ret) {
            ret.result = true;
            if (Data.truthy(save) && IptablesModule.savedRulesDiffer(c, family, saveFile(save))) {
                Object out = c.salt("iptables.save", List.of(), Data.map("filename", saveFile(save), "family", family));
                ret.comment += "\nSaved iptables rule " + name + " for " + family + "\n" + command + "\n" + str(out);
            }
            return ret.toMap();
        }

        Map<String, Object> changed(Call c, Ret ret, String comment, String savedWords) {
            ret.changes.put("locale", name);
            ret.comment = comment;
            if (Data.truthy(save)) {
                Object out = c.salt("iptables.save", List.of(), Data.map("filename", saveFile(save), "family", family));
                ret.comment = savedWords + " iptables rule " + name + " for " + family + "\n" + command + "\n"
                        + str(out);
            }
            return ret.toMap();
        }
    }

    /**
     * Builds the rule and the command text as Salt's states do: the rule without the command,
     * and build_rule once more with the command (append passes full as the string 'True', so
     * its comments show the whole command; insert and delete pass the boolean, which
     * build_rule does not take for 'True', so theirs show the rule alone).
     */
    private static Rule rule(Call c, String command, Object full) {
        String name = c.requiredStr(0, "name");
        String table = c.str(-1, "table", "filter");
        String family = c.str(-1, "family", "ipv4");
        String chain = c.requiredStr(-1, "chain");
        if (c.kwargs().containsKey("rules")) {
            throw new CommandExecutionError("iptables." + c.function() + ": the rules argument (state aggregation) "
                    + "is not supported; give each rule its own state");
        }
        Map<String, Object> kw = c.userKwargs();
        kw.remove("family");
        kw.put("table", table);
        String rule = str(c.salt("iptables.build_rule", List.of(), withFamily(kw, family)));
        if (rule.startsWith("Error: ")) {
            throw new CommandExecutionError(rule.substring("Error: ".length()));
        }
        Map<String, Object> fullKw = withFamily(kw, family);
        fullKw.put("full", full);
        fullKw.put("command", command);
        fullKw.put("chain", chain);
        String text = str(c.salt("iptables.build_rule", List.of(), fullKw)).strip();
        return new Rule(name, table, chain, family, rule, text, c.kwargs().get("save"));
    }

    private static Map<String, Object> withFamily(Map<String, Object> kw, String family) {
        Map<String, Object> out = new LinkedHashMap<>(kw);
        out.put("family", family);
        return out;
    }

    /** Salt's {@code None if save is True else save}: a path, or null for the distribution's file. */
    private static String saveFile(Object save) {
        return Boolean.TRUE.equals(save) ? null : str(save);
    }

    private static String str(Object o) {
        return PyRepr.str(o);
    }
}
