package io.jsalt.minion.modules;

import io.jsalt.common.files.FileClient;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.minion.api.RunningJobs;
import io.jsalt.minion.custom.CustomModules;
import io.jsalt.minion.grains.GrainsStore;
import io.jsalt.minion.pillar.MinionPillar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's saltutil module, the parts that make sense for jsalt: running jobs, killing them,
 * refreshing grains, syncing custom execution and state modules ({@link CustomModules}). The
 * other kinds of custom module are built into jsalt, so their sync_* report empty lists.
 */
public final class SaltutilModule implements ExecutionPlugin {
    /** The kinds sync_all reports, in Salt 3006's order. */
    private static final List<String> SYNC_KINDS = List.of("clouds", "beacons", "modules", "states", "sdb",
            "grains", "renderers", "returners", "output", "utils", "log_handlers", "executors",
            "proxymodules", "engines", "thorium", "serializers", "matchers");
    /** The kinds jsalt syncs (custom Python modules); the others are built in. */
    private static final List<String> SYNCED = List.of("modules", "states");

    @Override
    public String name() {
        return "saltutil";
    }

    @Override
    public String doc() {
        return "The Salt utility module: manage the minion's running jobs and refresh its data.";
    }

    @Fn(doc = """
            Return the data on all running jobs on this minion: a list of dicts with jid, fun, arg, pid, tgt, \
            tgt_type, user and ret.""",
            example = "jsalt '*' saltutil.running")
    public Object running(Call c) {
        return new ArrayList<Object>(c.ctx().service(RunningJobs.class).running());
    }

    @Fn(doc = "Return the data for a specific running job, or an empty dict when it is not running.",
            example = "jsalt '*' saltutil.find_job <job id>")
    public Object find_job(Call c) {
        String jid = c.requiredStr(0, "jid");
        for (Map<String, Object> job : c.ctx().service(RunningJobs.class).running()) {
            if (jid.equals(String.valueOf(job.get("jid")))) {
                return new LinkedHashMap<>(job);
            }
        }
        return new LinkedHashMap<>();
    }

    @Fn(doc = """
            Kill a running job: its thread is stopped and any commands it started are killed with their children. \
            Returns Salt's "Signal 9 sent to job ..." message, or an empty string when the job is not running.""",
            example = "jsalt '*' saltutil.kill_job <job id>")
    public Object kill_job(Call c) {
        String jid = c.requiredStr(0, "jid");
        RunningJobs jobs = c.ctx().service(RunningJobs.class);
        for (Map<String, Object> job : jobs.running()) {
            if (jid.equals(String.valueOf(job.get("jid")))) {
                if (jobs.kill(jid)) {
                    return "Signal 9 sent to job " + jid + " at pid " + job.get("pid");
                }
                return "Job " + jid + " was not running and job data has been cleaned up";
            }
        }
        return "";
    }

    @Fn(doc = """
            Refresh the minion's grains: re-collect core grains and re-read the grains file. Changed grains are sent \
            to the master. Returns True.""",
            example = "jsalt '*' saltutil.refresh_grains")
    public Object refresh_grains(Call c) {
        c.ctx().service(GrainsStore.class).refresh();
        return true;
    }

    @Fn(doc = """
            Refresh this minion's pillar: the master compiles it again (files edited since are picked up) and later \
            jobs see it. Returns True once the new pillar is in place (jsalt always waits; wait=False is accepted for \
            Salt compatibility). Returns False when the master cannot be reached.""",
            example = "jsalt '*' saltutil.refresh_pillar")
    public Object refresh_pillar(Call c) {
        try {
            c.ctx().service(MinionPillar.class).refresh();
            return true;
        } catch (io.jsalt.common.plugin.CommandExecutionError e) {
            c.ctx().log().error("Pillar refresh failed: {}", e.getMessage());
            return false;
        }
    }

    @Fn(doc = """
            Sync all custom types from the file roots (salt:// from the master, the local file roots with \
            --local). jsalt runs custom execution modules (_modules/*.py) and state modules (_states/*.py) with \
            python3; the other kinds are built into jsalt and report empty lists. saltenv: the environments to \
            sync from (a list or comma-separated; default the minion's saltenv option, else base). Returns each \
            kind's new or changed modules as "modules.NAME"; files the file roots no longer have are removed.""",
            example = "jsalt '*' saltutil.sync_all")
    public Object sync_all(Call c) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String kind : SYNC_KINDS) {
            out.put(kind, SYNCED.contains(kind) ? sync(c, kind) : new ArrayList<>());
        }
        return out;
    }

    @Fn(doc = "Sync custom grains modules. Built in with jsalt: nothing to sync, returns [].",
            example = "jsalt '*' saltutil.sync_grains")
    public Object sync_grains(Call c) {
        return new ArrayList<>();
    }

    @Fn(doc = """
            Sync custom execution modules: _modules/NAME.py of the file roots into the minion's cache \
            (CACHEDIR/extmods/modules), run with python3 when called. saltenv: as for sync_all. Returns the new \
            or changed ones as "modules.NAME"; cached modules the file roots no longer have are removed.""",
            example = "jsalt '*' saltutil.sync_modules saltenv=base")
    public Object sync_modules(Call c) {
        return sync(c, "modules");
    }

    @Fn(doc = """
            Sync custom state modules: _states/NAME.py of the file roots into the minion's cache \
            (CACHEDIR/extmods/states), run with python3 when an SLS uses them. saltenv: as for sync_all. Returns \
            the new or changed ones as "states.NAME"; cached modules the file roots no longer have are removed.""",
            example = "jsalt '*' saltutil.sync_states saltenv=base")
    public Object sync_states(Call c) {
        return sync(c, "states");
    }

    /**
     * Salt's _sync (salt/modules/saltutil.py) for one kind of custom module; a process that runs
     * no custom modules (a simulated minion) has nothing to sync.
     */
    private static List<Object> sync(Call c, String kind) {
        java.util.Optional<CustomModules> custom = c.ctx().services().find(CustomModules.class);
        if (custom.isEmpty()) {
            return new ArrayList<>();
        }
        return new ArrayList<>(custom.get().sync(kind, saltenvs(c), c.ctx().service(FileClient.class)));
    }

    private static List<String> saltenvs(Call c) {
        Object env = c.arg(0, "saltenv", null);
        if (env == null) {
            env = c.ctx().opts().get("saltenv");
        }
        List<String> out = new ArrayList<>();
        for (Object e : env instanceof List<?> l ? l : List.of(env == null ? "base" : env)) {
            for (String part : String.valueOf(e).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        if (out.isEmpty()) {
            throw new io.jsalt.common.plugin.InvocationError("'saltenv' names no environment");
        }
        return out;
    }
}
