package io.jsalt.minion.modules;

import io.jsalt.common.host.Which;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.py.PyRepr;
import io.jsalt.minion.files.FileIo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Salt's iptables module (salt/modules/iptables.py): rules built from keyword arguments as
 * Salt's build_rule spells them (so {@code iptables -C} finds what an earlier run added),
 * checked, added and removed, chain policies and user chains, and the rules saved where the
 * distribution loads them at boot. Every command runs as an argument list, never through a
 * shell; a rule's text is split as Salt's cmd.run splits it (shlex).
 */
public final class IptablesModule implements ExecutionPlugin {
    /**
     * Runs one iptables command. The minion runs the real tools; a test puts a fake in the
     * context's services to drive the states without touching a firewall.
     */
    public interface Runner {
        Run run(List<String> argv);
    }

    /** A finished command: exit code and output. */
    public record Run(int code, String stdout, String stderr) {}

    private static final Pattern TABLE = Pattern.compile("[a-z]+");
    /** iptables' own limit on chain names is 28 characters; a leading - or ! would be an option. */
    private static final Pattern CHAIN = Pattern.compile("[A-Za-z0-9_.:+][A-Za-z0-9_.:+-]{0,27}");
    private static final Pattern POLICY = Pattern.compile("[A-Z]+");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");
    private static final Pattern NEGATION = Pattern.compile("(!|not)\\s?");

    /** salt.state STATE_INTERNAL_KEYWORDS and the state-only keys build_rule drops. */
    private static final Set<String> IGNORED = Set.of("chain", "save", "table", "fun", "state", "check_cmd",
            "failhard", "onlyif", "unless", "creates", "retry", "order", "parallel", "prereq", "prereq_in",
            "prerequired", "reload_modules", "reload_grains", "reload_pillar", "runas", "runas_password",
            "fire_event", "saltenv", "use", "use_in", "onchanges", "onchanges_any", "onfail", "onfail_any",
            "onfail_all", "onfail_stop", "watch", "watch_any", "require", "require_any", "listen");

    /** Options that follow the jump (salt/modules/iptables.py build_rule's after_jump_arguments). */
    private static final List<String> AFTER_JUMP = List.of("j", "jump", "add-set", "and-mark", "and-tos",
            "checksum-fill", "clamp-mss-to-pmtu", "clustermac", "ctevents", "ctmask", "del-set", "ecn-tcp-remove",
            "exist", "expevents", "gateway", "hash-init", "hashmode", "helper", "label", "local-node",
            "log-ip-options", "log-level", "log-prefix", "log-tcp-options", "log-tcp-sequence", "log-uid", "mask",
            "new", "nfmask", "nflog-group", "nflog-prefix", "nflog-range", "nflog-threshold", "nodst", "notrack",
            "on-ip", "on-port", "or-mark", "or-tos", "persistent", "queue-balance", "queue-bypass", "queue-num",
            "random", "rateest-ewmalog", "rateest-interval", "rateest-name", "reject-with", "restore",
            "restore-mark", "save-mark", "selctx", "set-class", "set-dscp", "set-dscp-class", "set-mark",
            "set-mss", "set-tos", "set-xmark", "strip-options", "timeout", "to", "to-destination", "to-ports",
            "to-source", "total-nodes", "tproxy-mark", "ttl-dec", "ttl-inc", "ttl-set", "type", "ulog-cprange",
            "ulog-nlgroup", "ulog-prefix", "ulog-qthreshold", "xor-mark", "xor-tos", "zone", "dst-pfx", "hl-dec",
            "hl-inc", "hl-set", "hmark-dport-mask", "hmark-dst-prefix", "hmark-mod", "hmark-offset",
            "hmark-proto-mask", "hmark-rnd", "hmark-spi-mask", "hmark-sport-mask", "hmark-src-prefix",
            "hmark-tuple", "led-always-blink", "led-delay", "led-trigger-id", "queue-cpu-fanout", "src-pfx",
            "to-port", "addr", "and-mask", "delude", "honeypot", "or-mask", "prefix", "reset", "reuse", "set-mac",
            "shift", "static", "tarpit", "tname", "ttl");

    @Override
    public String name() {
        return "iptables";
    }

    @Override
    public String doc() {
        return "Support for iptables.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        if (ctx.services().find(Runner.class).isPresent() || Sh.has("iptables")) {
            return null;
        }
        return "The iptables execution module cannot be loaded: iptables not installed.";
    }

    @Fn(doc = "Return the version from iptables --version.",
            example = "jsalt '*' iptables.version family=ipv6")
    public Object version(Call c) {
        String[] out = run(c, List.of(tool(family(c, 0)), "--version")).stdout().strip().split("\\s+");
        return out.length > 1 ? out[1] : "";
    }

    @Fn(doc = """
            Build a well-formatted iptables rule from keyword arguments named as iptables' long options (connstate for \
            --state, dport(s)/sport(s), match, comment, jump and the options after it, if/of/i/o for interfaces); a \
            value starting with ! or not negates the option. With full='True' the whole command is returned, which \
            needs table, chain and command (A, I, D, ...) and takes a position.""",
            example = """
            jsalt '*' iptables.build_rule match=state connstate=RELATED,ESTABLISHED jump=ACCEPT
            jsalt '*' iptables.build_rule filter INPUT command=I position=3 full=True match=state jump=ACCEPT""")
    public Object build_rule(Call c) {
        Map<String, Object> kw = c.userKwargs();
        for (String own : List.of("table", "chain", "command", "position", "full", "family")) {
            kw.remove(own);
        }
        String family = family(c, 5);
        Object full = c.arg(4, "full", null);
        return buildRule(c.str(0, "table", "filter"), c.str(1, "chain", null), c.str(2, "command", null),
                c.str(3, "position", ""), full instanceof String s && (s.equals("True") || s.equals("true")), family,
                kw);
    }

    /**
     * Salt's build_rule. {@code full} is Salt's {@code full in ['True', 'true']}: the append
     * state passes the string and shows the whole command, insert and delete pass the boolean
     * and show only the rule.
     */
    public static String buildRule(String table, String chain, String command, String position, boolean full,
                                   String family, Map<String, Object> kwargs) {
        Map<String, Object> kw = new LinkedHashMap<>();
        kwargs.forEach((k, v) -> {
            if (!k.startsWith("__")) {
                kw.put(k, v);
            }
        });
        if (kw.containsKey("target")) {
            kw.put("jump", kw.remove("target"));
        }
        kw.remove("name");
        kw.remove("state");
        kw.keySet().removeAll(IGNORED);
        kw.remove("position");
        for (Map.Entry<String, Object> e : kw.entrySet()) {
            checkArgument(e.getKey(), e.getValue());
        }
        List<String> rule = new ArrayList<>();
        boolean protocol = false;
        if (kw.containsKey("if")) {
            rule.add(negation(kw, "if") + "-i " + str(kw.remove("if")));
        }
        if (kw.containsKey("of")) {
            rule.add(negation(kw, "of") + "-o " + str(kw.remove("of")));
        }
        if (kw.containsKey("proto") && !"policy".equals(kw.get("match"))) {
            kw.put("protocol", kw.remove("proto"));
        }
        if (kw.containsKey("protocol")) {
            rule.add(negation(kw, "protocol") + "-p " + str(kw.remove("protocol")));
            protocol = true;
        }
        if (kw.containsKey("match")) {
            Object m = kw.get("match");
            List<?> matches = m instanceof List<?> l ? l : List.of(str(m).split(",", -1));
            for (Object match : matches) {
                rule.add("-m " + str(match));
                if (kw.containsKey("name_") && Set.of("pknock", "quota2", "recent").contains(str(match).strip())) {
                    rule.add("--name " + str(kw.remove("name_")));
                }
            }
            if (kw.containsKey("proto") && "policy".equals(kw.get("match"))) {
                rule.add(negation(kw, "proto") + "--proto " + str(kw.remove("proto")));
            }
            kw.remove("match");
        }
        if (kw.containsKey("match-set")) {
            Object ms = kw.remove("match-set");
            for (Object set : ms instanceof List<?> l ? l : List.of(ms)) {
                String s = str(set);
                String neg = "";
                if (s.startsWith("!") || s.startsWith("not")) {
                    neg = "! ";
                    s = NEGATION.matcher(s).replaceAll("");
                }
                rule.add("-m set " + neg + "--match-set " + s);
            }
        }
        if (kw.containsKey("connstate")) {
            if (!rule.contains("-m state")) {
                rule.add("-m state");
            }
            rule.add(negation(kw, "connstate") + "--state " + str(kw.remove("connstate")));
        }
        for (String port : List.of("dport", "sport")) {
            if (kw.containsKey(port)) {
                rule.add(negation(kw, port) + "--" + port + " " + str(kw.remove(port)));
            }
        }
        for (String multiport : List.of("dports", "sports")) {
            if (!kw.containsKey(multiport)) {
                continue;
            }
            if (!rule.contains("-m multiport")) {
                rule.add("-m multiport");
                if (!protocol) {
                    return "Error: protocol must be specified";
                }
            }
            Object value = kw.remove(multiport);
            String ports;
            if (value instanceof List<?> l) {
                List<String> items = new ArrayList<>();
                boolean negated = false;
                for (Object i : l) {
                    String s = str(i);
                    negated |= s.startsWith("!") || s.startsWith("not");
                    items.add(s);
                }
                if (negated) {
                    items.replaceAll(s -> NEGATION.matcher(s).replaceAll(""));
                    rule.add("!");
                }
                ports = String.join(",", items);
            } else {
                ports = str(value);
                if (ports.startsWith("!") || ports.startsWith("not")) {
                    ports = NEGATION.matcher(ports).replaceAll("");
                    rule.add("!");
                }
            }
            rule.add("--" + multiport + " " + ports);
        }
        if (kw.containsKey("comment")) {
            if (!rule.contains("-m comment")) {
                rule.add("-m comment");
            }
            rule.add("--comment \"" + str(kw.remove("comment")) + "\"");
        }
        // ipset's --set is deprecated: a non-empty one becomes --match-set (an empty one stays a recent option).
        if (kw.containsKey("set") && truthy(kw.get("set"))) {
            rule.add(negation(kw, "set") + "--match-set " + str(kw.remove("set")));
        }
        // The jump comes last but for the options it takes, which follow it.
        List<String> afterJump = new ArrayList<>();
        for (String arg : AFTER_JUMP) {
            if (kw.containsKey(arg)) {
                Object value = kw.remove(arg);
                if (value == null || "".equals(value)) {
                    afterJump.add("--" + arg);
                } else if (str(value).chars().anyMatch(ch -> " \t\n\r\u000b\f".indexOf(ch) >= 0)) {
                    afterJump.add("--" + arg + " \"" + str(value) + "\"");
                } else {
                    afterJump.add("--" + arg + " " + str(value));
                }
            }
        }
        for (String key : new ArrayList<>(kw.keySet())) {
            String neg = negation(kw, key);
            Object value = kw.get(key);
            String flag = key.length() == 1 ? "-" : "--";
            rule.add(neg + flag + key + (value == null || "".equals(value) ? "" : " " + str(value)));
        }
        rule.addAll(afterJump);
        if (full) {
            if (table == null || table.isEmpty()) {
                return "Error: Table needs to be specified";
            }
            if (chain == null || chain.isEmpty()) {
                return "Error: Chain needs to be specified";
            }
            if (command == null || command.isEmpty()) {
                return "Error: Command needs to be specified";
            }
            String flag = "ACDIRLSFZNXPE".contains(command) ? "-" : "--";
            return path(family) + " --wait -t " + table + " " + flag + command + " " + chain + " "
                    + (position == null ? "" : position) + " " + String.join(" ", rule);
        }
        return String.join(" ", rule);
    }

    @Fn(doc = "Return the current policy of a table's chain (None when there is no such chain).",
            example = "jsalt '*' iptables.get_policy filter INPUT")
    public Object get_policy(Call c) {
        Target t = target(c, 2);
        if (t.chain() == null) {
            return NO_CHAIN;
        }
        String section = "";
        for (String line : save(c, t.family(), t.table()).split("\n")) {
            if (line.startsWith("*")) {
                section = line.substring(1).strip();
            } else if (section.equals(t.table()) && line.startsWith(":" + t.chain() + " ")) {
                return line.substring(t.chain().length() + 2).split(" ")[0];
            }
        }
        return null;
    }

    @Fn(doc = "Set the policy of a table's built-in chain; returns iptables' error output, empty on success.",
            example = "jsalt '*' iptables.set_policy filter INPUT DROP")
    public Object set_policy(Call c) {
        Target t = target(c, 3);
        String policy = c.str(2, "policy", null);
        if (t.chain() == null) {
            return NO_CHAIN;
        }
        if (policy == null || policy.isEmpty()) {
            return "Error: Policy needs to be specified";
        }
        if (!POLICY.matcher(policy).matches()) {
            throw new CommandExecutionError("Invalid policy '" + policy + "': a target such as ACCEPT or DROP");
        }
        return run(c, List.of(tool(t.family()), "--wait", "-t", t.table(), "-P", t.chain(), policy)).stderr().strip();
    }

    @Fn(doc = """
            Save the current in-memory rules to FILENAME, by default where the distribution loads them at boot \
            (/etc/iptables/rules.v4 and rules.v6 on Debian, loaded by the iptables-persistent package).""",
            example = "jsalt '*' iptables.save /etc/iptables/rules.v4")
    public Object save(Call c) {
        String family = family(c, 1);
        String filename = c.str(0, "filename", null);
        if (filename == null || filename.isEmpty() || filename.equals("None")) {
            filename = conf(c, family);
        }
        Path f = Path.of(filename);
        if (!f.isAbsolute()) {
            throw new CommandExecutionError("iptables.save: filename must be an absolute path: " + filename);
        }
        String rules = save(c, family, null);
        try {
            Files.createDirectories(f.getParent());
        } catch (IOException e) {
            throw new CommandExecutionError("Could not create " + f.getParent() + ": " + e.getMessage());
        }
        FileIo.writeText(f, rules);
        return "Wrote 1 lines to \"" + filename + "\"";
    }

    @Fn(doc = "Check whether a rule (in iptables' own syntax, without the chain) is in a table's chain.",
            example = "jsalt '*' iptables.check filter INPUT rule='-m state --state RELATED,ESTABLISHED -j ACCEPT'")
    public Object check(Call c) {
        Target t = target(c, 3);
        String rule = c.str(2, "rule", null);
        if (t.chain() == null) {
            return NO_CHAIN;
        }
        if (rule == null || rule.isEmpty()) {
            return NO_RULE;
        }
        return check(c, t.family(), t.table(), t.chain(), rule);
    }

    @Fn(doc = "Check whether a chain exists in a table.", example = "jsalt '*' iptables.check_chain filter INPUT")
    public Object check_chain(Call c) {
        Target t = target(c, 2);
        if (t.chain() == null) {
            return NO_CHAIN;
        }
        return save(c, t.family(), t.table()).contains(":" + t.chain() + " ");
    }

    @Fn(doc = "Create a user chain in a table: True, or iptables' error output.",
            example = "jsalt '*' iptables.new_chain filter CUSTOM_CHAIN")
    public Object new_chain(Call c) {
        return chainCommand(c, "-N");
    }

    @Fn(doc = "Delete an (empty) user chain from a table: True, or iptables' error output.",
            example = "jsalt '*' iptables.delete_chain filter CUSTOM_CHAIN")
    public Object delete_chain(Call c) {
        return chainCommand(c, "-X");
    }

    @Fn(doc = "Append a rule to a table's chain: True when added, False when it was already there or iptables failed.",
            example = "jsalt '*' iptables.append filter INPUT rule='-m state --state RELATED,ESTABLISHED -j ACCEPT'")
    public Object append(Call c) {
        // Salt's append checks first and reports the check's error text as its own.
        Object present = check(c);
        if (!(present instanceof Boolean b)) {
            return present;
        }
        if (b) {
            return false;
        }
        Target t = target(c, 3);
        String rule = c.str(2, "rule", null);
        return run(c, ruleCommand(t.family(), t.table(), "-A", t.chain(), null, rule)).stderr().isBlank();
    }

    @Fn(doc = """
            Insert a rule into a table's chain at POSITION (a negative one counts from the end): iptables' error output, \
            empty on success; False when the rule was already there.""",
            example = "jsalt '*' iptables.insert filter INPUT position=3 rule='-m state --state RELATED,ESTABLISHED -j ACCEPT'")
    public Object insert(Call c) {
        Target t = target(c, 4);
        Object position = c.arg(2, "position", null);
        String rule = c.str(3, "rule", null);
        if (t.chain() == null) {
            return NO_CHAIN;
        }
        if (position == null || "".equals(position) || Long.valueOf(0).equals(position)) {
            return "Error: Position needs to be specified or use append (-A)";
        }
        if (rule == null || rule.isEmpty()) {
            return NO_RULE;
        }
        long pos = position(position);
        if (pos < 0) {
            long size = save(c, t.family(), t.table()).lines().filter(l -> l.startsWith("-A " + t.chain() + " ")).count();
            pos = Math.max(1, size + pos + 1);
        }
        if (check(c, t.family(), t.table(), t.chain(), rule)) {
            return false;
        }
        return run(c, ruleCommand(t.family(), t.table(), "-I", t.chain(), pos, rule)).stderr().strip();
    }

    @Fn(doc = """
            Delete a rule from a table's chain, given either the rule or its position: iptables' error output, empty \
            on success.""",
            example = """
            jsalt '*' iptables.delete filter INPUT position=3
            jsalt '*' iptables.delete filter INPUT rule='-m state --state RELATED,ESTABLISHED -j ACCEPT'""")
    public Object delete(Call c) {
        String family = family(c, 4);
        String table = table(c.requiredStr(0, "table"));
        String chain = chain(c.requiredStr(1, "chain"));
        Object position = c.arg(2, "position", null);
        String rule = c.str(3, "rule", null);
        if (position != null && !"".equals(position) && rule != null && !rule.isEmpty()) {
            return "Error: Only specify a position or a rule, not both";
        }
        if (position != null && !"".equals(position)) {
            return run(c, List.of(tool(family), "--wait", "-t", table, "-D", chain, String.valueOf(position(position))))
                    .stderr().strip();
        }
        if (rule == null || rule.isEmpty()) {
            return NO_RULE;
        }
        return run(c, ruleCommand(family, table, "-D", chain, null, rule)).stderr().strip();
    }

    @Fn(doc = "Flush a table's chain, or every chain of the table when none is given: iptables' error output, empty on success.",
            example = "jsalt '*' iptables.flush filter INPUT")
    public Object flush(Call c) {
        String family = family(c, 2);
        String table = table(c.str(0, "table", "filter"));
        String chain = c.str(1, "chain", "");
        List<String> argv = new ArrayList<>(List.of(tool(family), "--wait", "-t", table, "-F"));
        if (chain != null && !chain.isEmpty()) {
            argv.add(chain(chain));
        }
        return run(c, argv).stderr().strip();
    }

    /** The table, chain (null when not given) and family most functions take, checked. */
    private record Target(String family, String table, String chain) {}

    private static final String NO_CHAIN = "Error: Chain needs to be specified";
    private static final String NO_RULE = "Error: Rule needs to be specified";

    /** Table and chain at positions 0 and 1, family at FAMILYPOS, as Salt's functions take them. */
    private static Target target(Call c, int familyPos) {
        String family = family(c, familyPos);
        String table = table(c.str(0, "table", "filter"));
        String chain = c.str(1, "chain", null);
        return new Target(family, table, chain == null || chain.isEmpty() ? null : chain(chain));
    }

    /**
     * Whether the rules in memory differ from those saved in FILENAME (the default file when
     * null), as Salt's append and insert states compare get_rules with get_saved_rules before
     * saving a rule that was already present. A missing file differs.
     */
    public static boolean savedRulesDiffer(Call c, String family, String filename) {
        Path f = Path.of(filename == null || filename.isEmpty() ? conf(c, family) : filename);
        if (!Files.isRegularFile(f)) {
            return true;
        }
        return !ruleLines(FileIo.readText(f)).equals(ruleLines(save(c, family, null)));
    }

    private static List<String> ruleLines(String save) {
        return save.lines().filter(l -> l.startsWith("*") || l.startsWith("-A ")).toList();
    }

    private Object chainCommand(Call c, String flag) {
        Target t = target(c, 2);
        if (t.chain() == null) {
            return NO_CHAIN;
        }
        String err = run(c, List.of(tool(t.family()), "--wait", "-t", t.table(), flag, t.chain())).stderr().strip();
        return err.isEmpty() ? (Object) true : err;
    }

    private static boolean check(Call c, String family, String table, String chain, String rule) {
        List<String> argv = new ArrayList<>(List.of(tool(family), "-t", table, "-C", chain));
        argv.addAll(ruleArgs(rule));
        return run(c, argv).code() == 0;
    }

    private static List<String> ruleCommand(String family, String table, String flag, String chain, Long position,
                                            String rule) {
        List<String> argv = new ArrayList<>(List.of(tool(family), "--wait", "-t", table, flag, chain(chain)));
        if (position != null) {
            argv.add(String.valueOf(position));
        }
        argv.addAll(ruleArgs(rule));
        return argv;
    }

    /** A rule's text split as Salt's cmd.run splits a command line (shlex, no shell). */
    private static List<String> ruleArgs(String rule) {
        if (rule.chars().anyMatch(ch -> ch < 0x20 && ch != '\t')) {
            throw new CommandExecutionError("Invalid iptables rule: it contains a control character");
        }
        return Shlex.split(rule);
    }

    /** iptables-save's output for one table (every table when null); fails with its error. */
    private static String save(Call c, String family, String table) {
        List<String> argv = new ArrayList<>(List.of(tool(family) + "-save"));
        if (table != null) {
            argv.addAll(List.of("-t", table));
        }
        Run r = run(c, argv);
        if (r.code() != 0) {
            throw new CommandExecutionError(String.join(" ", argv) + " failed: " + r.stderr().strip());
        }
        return r.stdout();
    }

    /** Salt's _conf: where the distribution keeps the rules it loads at boot. */
    private static String conf(Call c, String family) {
        boolean v6 = family.equals("ipv6");
        String osFamily = String.valueOf(c.ctx().grains().get("os_family"));
        return switch (osFamily) {
            case "Debian" -> v6 ? "/etc/iptables/rules.v6" : "/etc/iptables/rules.v4";
            case "RedHat" -> v6 ? "/etc/sysconfig/ip6tables" : "/etc/sysconfig/iptables";
            case "Arch" -> v6 ? "/etc/iptables/ip6tables.rules" : "/etc/iptables/iptables.rules";
            case "Suse" -> "/etc/sysconfig/scripts/SuSEfirewall2-custom";
            default -> throw new CommandExecutionError("Saving iptables to file is not supported on "
                    + c.ctx().grains().get("os") + ". Please file an issue with SaltStack");
        };
    }

    private static Run run(Call c, List<String> argv) {
        Runner fake = c.ctx().services().find(Runner.class).orElse(null);
        if (fake != null) {
            return fake.run(argv);
        }
        Sh.Out o = Sh.run(argv);
        return new Run(o.code(), o.stdout(), o.stderr());
    }

    private static String tool(String family) {
        return family.equals("ipv6") ? "ip6tables" : "iptables";
    }

    /** Salt's _iptables_cmd: the tool's path, as the full commands in the states' comments show it. */
    private static String path(String family) {
        String found = Which.find(tool(family), System.getenv("PATH") + ":/usr/sbin:/sbin");
        return found == null ? tool(family) : found;
    }

    private static String family(Call c, int pos) {
        String family = c.str(pos, "family", "ipv4");
        if (!family.equals("ipv4") && !family.equals("ipv6")) {
            throw new CommandExecutionError("Invalid family '" + family + "': ipv4 or ipv6");
        }
        return family;
    }

    static String table(String table) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new CommandExecutionError("Invalid table '" + table + "': a table name such as filter or nat");
        }
        return table;
    }

    static String chain(String chain) {
        if (!CHAIN.matcher(chain).matches()) {
            throw new CommandExecutionError("Invalid chain '" + chain
                    + "': up to 28 letters, digits and _.:+- not starting with -");
        }
        return chain;
    }

    private static long position(Object position) {
        try {
            return Long.parseLong(str(position).strip());
        } catch (NumberFormatException e) {
            throw new CommandExecutionError("Invalid position '" + str(position) + "': a rule number");
        }
    }

    /** Keys become options and values their arguments: neither may smuggle in a quote or a line. */
    private static void checkArgument(String key, Object value) {
        if (!KEY.matcher(key).matches()) {
            throw new CommandExecutionError("Invalid iptables option '" + key + "': letters, digits, _ and -");
        }
        List<?> values = value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
        for (Object v : values) {
            if (str(v).chars().anyMatch(ch -> ch == '"' || (ch < 0x20 && ch != '\t'))) {
                throw new CommandExecutionError("Invalid value for iptables option '" + key
                        + "': it contains a double quote or a control character");
            }
        }
    }

    /** Salt's maybe_add_negation: "! " when the value starts with ! or not, which is then removed. */
    private static String negation(Map<String, Object> kw, String key) {
        String value = str(kw.get(key));
        if (value.startsWith("!") || value.startsWith("not")) {
            kw.put(key, NEGATION.matcher(value).replaceAll(""));
            return "! ";
        }
        return "";
    }

    private static boolean truthy(Object o) {
        return o != null && !"".equals(o) && !Boolean.FALSE.equals(o);
    }

    private static String str(Object o) {
        return PyRepr.str(o);
    }
}
