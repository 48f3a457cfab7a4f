package io.jsalt.master.cli;

import io.jsalt.common.config.Config;
import io.jsalt.common.data.Values;
import io.jsalt.common.match.TargetException;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Registry;
import io.jsalt.common.proto.RunnerRequest;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.keys.KeyOperations;
import io.jsalt.master.transport.PendingPeers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The control socket's operations. */
public final class Ops {
    private Ops() {}

    public static CliHandler.Operations all(Config config, JobManager jobs, KeyOperations keys, PendingPeers pending,
                                            Registry runners, Context runnerCtx) {
        return new CliHandler.Operations(new PublishOp(jobs, config), new KeyOp(keys, pending),
                (req, replies) -> runRunner(runners, runnerCtx, req, replies));
    }

    private static void runRunner(Registry runners, Context ctx, RunnerRequest req, CliHandler.Replies replies) {
        String fun = req.getFun();
        List<Object> a = Values.listFromProto(req.getArg());
        Map<String, Object> kw = Values.mapFromProto(req.getKwarg());
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
}
