package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import io.jsalt.minion.modules.CronModule;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Salt's cron states: jobs in a user's crontab, identified by identifier or command. */
public final class CronStates implements StatePlugin {
    @Override
    public String name() {
        return "cron";
    }

    @Override
    public String doc() {
        return """
                Manage jobs in users' crontabs.

                The states call the cron execution module, which runs crontab(1): the program named by the minion \
                option cron.crontab (default crontab). The module, and so these states, is unavailable on a host \
                without crontab (Debian package cron); sys.list_modules and the error for its functions say so.

                Differences from Salt: special jobs and identifier work as in Salt, and so does 'random' in a time \
                field (drawn once, then kept).""";
    }

    @Fn(doc = """
            Make sure the command runs on this schedule.

            user
                Whose crontab (default root).
            minute, hour, daymonth, month, dayweek
                The schedule ('*' each).
            special
                @reboot, @daily... instead.
            comment
                A comment line above the job.
            commented
                Keep the job disabled.
            identifier
                Name the job, so its command may change (default: the command).""",
            example = """
            /usr/local/bin/backup.sh:
              cron.present:
                - user: root
                - minute: 30
                - hour: 2
                - identifier: nightly-backup""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        String user = c.str(-1, "user", "root");
        Map<String, Object> kw = job(c);
        return setPlan(c, "Cron", name, user, () -> CronModule.wouldSetJob(c.ctx(), user, name, kw), () -> c.salt("cron.set_job",
                List.of(user, kw.get("minute"), kw.get("hour"), kw.get("daymonth"), kw.get("month"), kw.get("dayweek"),
                        name), kw));
    }

    /**
     * The shape salt/states/cron.py present and env_present share: the plan comes from the
     * crontab as read ('present': nothing to do, else 'new' or 'updated'), and applying it
     * reports what the module's set function answers. what: "Cron" or "Cron env".
     */
    private static Object setPlan(Call c, String what, String name, String user, Supplier<String> status,
                                  Supplier<Object> set) {
        Ret ret = new Ret(name);
        String failed = what + " " + name + " for user " + user + " failed to commit with error \n";
        String st;
        try {
            st = status.get();
        } catch (CommandExecutionError e) {
            return ret.fail(failed + e.getMessage());
        }
        if (st.equals("present")) {
            return ret.done(what + " " + name + " already present");
        }
        return Plan.change(what + " " + name + " is set to be " + (st.equals("new") ? "added" : "updated"), r -> {
            String done = String.valueOf(set.get());
            if (done.equals("present")) {
                return r.done(what + " " + name + " already present");
            }
            r.changes.put(user, name);
            return r.done(done.equals("new") ? what + " " + name + " added to " + user + "'s crontab"
                    : what + " " + name + " updated");
        }).showing(Data.map(user, name)).failingWith(failed).run(c, ret);
    }

    @Fn(doc = "Make sure the job (found by identifier, else command) is not in the user's crontab.",
            example = """
            /usr/local/bin/old-job.sh:
              cron.absent:
                - user: root""")
    public Object absent(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        String user = c.str(-1, "user", "root");
        String identifier = c.str(-1, "identifier", null);
        boolean present = CronModule.hasJob(c.ctx(), user, name, identifier);
        if (!present) {
            return ret.done("Cron " + name + " already absent");
        }
        return Plan.change("Cron " + name + " is set to be removed", "Cron " + name + " removed from " + user
                + "'s crontab", () -> c.salt("cron.rm_job", List.of(user, name), Data.map("identifier", identifier)))
                .showing(Data.map(user, name))
                .failingWith("Cron " + name + " for user " + user + " failed to commit with error \n").run(c, ret);
    }

    @Fn(doc = """
            Make sure the crontab sets the environment variable to this value (a NAME=value line).

            value
                The value (default empty).
            user
                Whose crontab (default root).""",
            example = """
            MAILTO:
              cron.env_present:
                - value: ops@example.com
                - user: root""")
    public Object env_present(Call c) {
        String name = c.requiredStr(0, "name");
        String user = c.str(-1, "user", "root");
        String value = c.str(1, "value", null);
        return setPlan(c, "Cron env", name, user, () -> envStatus(c, user, name, value == null ? "" : value),
                () -> c.salt("cron.set_env", List.of(user, name), Data.map("value", value)));
    }

    @Fn(doc = """
            Make sure the crontab does not set the environment variable.

            user
                Whose crontab (default root).""",
            example = """
            LANG:
              cron.env_absent:
                - user: root""")
    public Object env_absent(Call c) {
        String name = c.requiredStr(0, "name").strip();
        String user = c.str(-1, "user", "root");
        Ret ret = new Ret(name);
        String failed = "Cron env " + name + " for user " + user + " failed to commit with error ";
        String status;
        try {
            status = envStatus(c, user, name, "");
        } catch (CommandExecutionError e) {
            return ret.fail(failed + e.getMessage());
        }
        if (status.equals("new")) {
            return ret.done("Cron env " + name + " already absent");
        }
        return Plan.change("Cron env " + name + " is set to be removed", "Cron env " + name + " removed from " + user
                + "'s crontab", () -> c.salt("cron.rm_env", List.of(user, name), Map.of()))
                .showing(Data.map(user, name)).failingWith(failed).run(c, ret);
    }

    /** Salt's _check_cron_env in cron.set_env's words: 'new' (absent), 'present' (same value) or 'updated'. */
    @SuppressWarnings("unchecked")
    private static String envStatus(Call c, String user, String name, String value) {
        Map<String, Object> tab = StateSupport.asMap(c.salt("cron.list_tab", List.of(user), Map.of()));
        for (Object o : (List<Object>) tab.getOrDefault("env", List.of())) {
            Map<String, Object> e = (Map<String, Object>) o;
            if (name.equals(e.get("name"))) {
                return value.equals(e.get("value")) ? "present" : "updated";
            }
        }
        return "new";
    }

    private static Map<String, Object> job(Call c) {
        Map<String, Object> kw = Data.map("minute", c.str(-1, "minute", "*"), "hour", c.str(-1, "hour", "*"),
                "daymonth", c.str(-1, "daymonth", "*"), "month", c.str(-1, "month", "*"),
                "dayweek", c.str(-1, "dayweek", "*"), "commented", c.bool(-1, "commented", false));
        for (String k : List.of("comment", "identifier", "special")) {
            if (c.arg(-1, k, null) != null) {
                kw.put(k, c.str(-1, k, null));
            }
        }
        return kw;
    }

}
