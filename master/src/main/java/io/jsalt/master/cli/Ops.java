package io.jsalt.master.cli;

import io.jsalt.common.config.Config;
import io.jsalt.common.data.Data;
import io.jsalt.common.match.TargetException;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Registry;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.keys.KeyOperations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The control socket's operations, by name. */
public final class Ops {
    private Ops() {}

    public static Map<String, CliHandler.Op> all(Config config, JobManager jobs, KeyOperations keys, Registry runners,
                                                 Context runnerCtx) {
        Map<String, CliHandler.Op> ops = new LinkedHashMap<>();
        ops.put("publish", new PublishOp(jobs, config));
        ops.put("key", new KeyOp(keys));
        ops.put("runner", (args, replies) -> runRunner(runners, runnerCtx, args, replies));
        return ops;
    }

    @SuppressWarnings("unchecked")
    private static void runRunner(Registry runners, Context ctx, Map<String, Object> args, CliHandler.Replies replies) {
        String fun = String.valueOf(args.get("fun"));
        List<Object> a = (List<Object>) args.getOrDefault("arg", List.of());
        Map<String, Object> kw = (Map<String, Object>) args.getOrDefault("kwarg", Map.of());
        if (runners.function(fun) == null) {
            replies.fail(runners.missingMessage(fun), 1);
            return;
        }
        try {
            Object result = runners.invoke(ctx, fun, new java.util.ArrayList<>(a), new LinkedHashMap<>(kw));
            replies.last(result, 0);
        } catch (TargetException e) {
            replies.fail(e.getMessage(), 1);
        } catch (RuntimeException e) {
            replies.fail(e.getMessage() == null ? e.toString() : e.getMessage(), 1);
        }
    }

    static long longArg(Map<String, Object> args, String key, long dflt) {
        Object v = args.get(key);
        return v instanceof Number n ? n.longValue() : dflt;
    }

    static boolean boolArg(Map<String, Object> args, String key) {
        return Data.truthy(args.get(key));
    }
}
