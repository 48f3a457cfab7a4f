package io.jsalt.master.runners;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.RunnerPlugin;
import io.jsalt.master.jobs.JobListener;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.jobs.PublishSpec;
import io.jsalt.master.keys.KeyOperations;
import io.jsalt.master.minions.MinionRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Salt's manage runner: which minions are up, down, connected. */
public final class ManageRunner implements RunnerPlugin {
    @Override
    public String name() {
        return "manage";
    }

    @Override
    public String doc() {
        return "Minion status: pings every accepted minion and reports which answered.";
    }

    @Fn(doc = """
            Ping all accepted minions (test.ping) and return the ids of those that answered, sorted. Optional tgt and \
            tgt_type narrow the set; timeout in seconds.""",
            example = "jsalt-run manage.up")
    public Object up(Call c) throws InterruptedException {
        return status(c).get("up");
    }

    @Fn(doc = """
            Ping all accepted minions and return the ids of those that did not answer. removekeys=True deletes their \
            keys.""",
            example = "jsalt-run manage.down removekeys=True")
    public Object down(Call c) throws InterruptedException, java.io.IOException {
        @SuppressWarnings("unchecked")
        List<Object> down = (List<Object>) status(c).get("down");
        if (c.bool(-1, "removekeys", false)) {
            KeyOperations keys = c.ctx().service(KeyOperations.class);
            for (Object id : down) {
                keys.delete(String.valueOf(id));
            }
        }
        return down;
    }

    @Fn(doc = "Ping all accepted minions and return {'up': [...], 'down': [...]}.",
            example = "jsalt-run manage.status")
    public Map<String, Object> status(Call c) throws InterruptedException {
        JobManager jobs = c.ctx().service(JobManager.class);
        String tgt = c.str(0, "tgt", "*");
        String tgtType = c.str(1, "tgt_type", "glob");
        long timeout = c.integer(-1, "timeout", ((Number) c.ctx().opts().getOrDefault("timeout", 5L)).longValue());
        List<String> expected = jobs.expected(tgt, tgtType);
        TreeSet<String> up = new TreeSet<>();
        if (!expected.isEmpty()) {
            up.addAll(Gather.returns(jobs, new PublishSpec(tgt, tgtType, "test.ping", List.of(), Map.of(), timeout,
                    "manage"), expected, timeout).keySet());
        }
        List<Object> upList = new ArrayList<>(up);
        List<Object> down = new ArrayList<>();
        for (String id : expected) {
            if (!up.contains(id)) {
                down.add(id);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("up", upList);
        out.put("down", down);
        return out;
    }

    @Fn(doc = "The ids of accepted minions with a live connection to the master now (no ping).",
            example = "jsalt-run manage.present")
    public Object present(Call c) {
        return new ArrayList<Object>(c.ctx().service(MinionRegistry.class).connectedIds());
    }

    @Fn(doc = "The ids of accepted minions without a live connection to the master now (no ping).",
            example = "jsalt-run manage.not_present")
    public Object not_present(Call c) {
        List<Object> out = new ArrayList<>();
        for (MinionRegistry.Entry e : c.ctx().service(MinionRegistry.class).all()) {
            if (!e.connected()) {
                out.add(e.id());
            }
        }
        out.sort(null);
        return out;
    }
}
