package io.jsalt.minion.modules;

import io.jsalt.common.cli.ArgParser;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.transport.RequestMethod;
import io.jsalt.minion.api.MasterRequests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's publish module (salt/modules/publish.py): a minion runs a function on other
 * minions through the master, which allows it only as its {@code peer} option says.
 */
public final class PublishModule implements ExecutionPlugin {
    /** How much longer than the publish's own timeout the request to the master may take. */
    private static final long MARGIN_MS = 10_000;

    @Override
    public String name() {
        return "publish";
    }

    @Override
    public String doc() {
        return "Publish a command from this minion to other minions, as the master's peer option allows.";
    }

    @Fn(doc = """
            Run fun on the minions tgt matches and return {minion: return} of those that returned within timeout \
            seconds (default 5). The master publishes only what its peer option allows this minion; otherwise, or when \
            no minion matched, the result is {}.

            arg
                The function's arguments: a list, or one string (comma-separated words are not split).
            tgt_type
                glob (default), pcre, list, grain, grain_pcre, pillar, compound, ipcidr, nodegroup.""",
            example = """
            jsalt '*' publish.publish 'db*' test.ping
            jsalt '*' publish.publish 'G@role:db' cmd.run arg='uptime' tgt_type=compound""")
    public Object publish(Call c) {
        return send(c, "clean");
    }

    @Fn(doc = "As publish.publish, with each minion's full return (return, retcode, success, jid, fun ...).",
            example = "jsalt '*' publish.full_data 'db*' test.ping")
    public Object full_data(Call c) {
        return send(c, "full");
    }

    private static Object send(Call c, String form) {
        String tgt = c.requiredStr(0, "tgt");
        String fun = c.requiredStr(1, "fun");
        long timeout = c.integer(5, "timeout", 5);
        if (fun.startsWith("publish.")) {
            return new LinkedHashMap<String, Object>(); // Salt: "Cannot publish publish calls"
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("tgt", tgt);
        args.put("fun", fun);
        args.put("arg", parseArgs(c.arg(2, "arg", null)));
        args.put("tgt_type", c.str(3, "tgt_type", "glob"));
        args.put("timeout", timeout);
        args.put("form", form);
        MasterRequests master = c.ctx().services().find(MasterRequests.class).orElseThrow(() ->
                new CommandExecutionError("publish needs a master and this minion has no master connection"));
        return master.call(RequestMethod.MINION_PUB, args, timeout * 1000 + MARGIN_MS);
    }

    /** Salt's _parse_args: a list as it is, a string read as yamlify_arg reads it, nothing as []. */
    static List<Object> parseArgs(Object arg) {
        if (arg == null) {
            return new ArrayList<>();
        }
        Object v = arg instanceof String s ? ArgParser.yamlify(s) : arg;
        if (v == null) {
            return new ArrayList<>();
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        List<Object> one = new ArrayList<>();
        one.add(v);
        return one;
    }
}
