package io.jsalt.minion.modules;

import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Salt's cron module: user crontabs through crontab(1), in Salt's layout so a crontab Salt
 * managed is managed the same here: lines below "# Lines below here are managed by Salt, do
 * not edit" are jobs, each with a "# comment SALT_CRON_IDENTIFIER:id" line above it.
 * The crontab program is {@code cron.crontab} in the minion config (default: crontab).
 */
public final class CronModule implements ExecutionPlugin {
    static final String TAG = "# Lines below here are managed by Salt, do not edit";
    static final String IDENT = "SALT_CRON_IDENTIFIER";

    @Override
    public String name() {
        return "cron";
    }

    @Override
    public String doc() {
        return "Manage users' crontabs.";
    }

    @Override
    public String unavailableReason(Context ctx) {
        return Sh.has(crontab(ctx)) ? null : "crontab (package cron) is not installed";
    }

    @Fn(doc = "The user's crontab text.", example = "jsalt '*' cron.raw_cron root")
    public Object raw_cron(Call c) {
        return raw(c.ctx(), c.requiredStr(0, "user"));
    }

    @Fn(doc = "The user's crontab parsed as {pre: [lines not managed], crons: [{minute, hour, "
            + "daymonth, month, dayweek, cmd, comment, commented, identifier}], special: [...], env: [...]}.",
            example = "jsalt '*' cron.list_tab root")
    public Object list_tab(Call c) {
        return Tab.parse(raw(c.ctx(), c.requiredStr(0, "user"))).toMap();
    }

    @Fn(doc = "Add or update a job; returns 'present', 'new' or 'updated'. The job is found by its "
            + "identifier (default: the command).", example = "jsalt '*' cron.set_job root '*/5' '*' '*' '*' '*' "
            + "/usr/local/bin/backup comment='nightly backup'")
    public Object set_job(Call c) {
        String user = c.requiredStr(0, "user");
        Job want = new Job(c.str(1, "minute", "*"), c.str(2, "hour", "*"), c.str(3, "daymonth", "*"),
                c.str(4, "month", "*"), c.str(5, "dayweek", "*"), c.requiredStr(6, "cmd"),
                c.str(-1, "comment", null), c.bool(-1, "commented", false), c.str(-1, "identifier", null),
                c.str(-1, "special", null));
        Tab tab = Tab.parse(raw(c.ctx(), user));
        String result = tab.set(want);
        if (!result.equals("present")) {
            write(c.ctx(), user, tab.render());
        }
        return result;
    }

    @Fn(doc = "Remove a job found by identifier or command; returns 'removed' or 'absent'.",
            example = "jsalt '*' cron.rm_job root /usr/local/bin/backup")
    public Object rm_job(Call c) {
        String user = c.requiredStr(0, "user");
        Tab tab = Tab.parse(raw(c.ctx(), user));
        boolean removed = tab.remove(c.requiredStr(1, "cmd"), c.str(-1, "identifier", null));
        if (removed) {
            write(c.ctx(), user, tab.render());
        }
        return removed ? "removed" : "absent";
    }

    static String crontab(Context ctx) {
        Object o = ctx.opts().get("cron.crontab");
        return o == null ? "crontab" : String.valueOf(o);
    }

    static String raw(Context ctx, String user) {
        Sh.Out o = Sh.run(List.of(crontab(ctx), "-l", "-u", user));
        if (!o.ok()) {
            if (o.error().contains("no crontab for")) {
                return "";
            }
            throw new CommandExecutionError("Cannot read the crontab of " + user + ": " + o.error());
        }
        return o.stdout();
    }

    static void write(Context ctx, String user, String text) {
        Sh.Out o = Sh.run(List.of(crontab(ctx), "-u", user, "-"), text, Map.of(), null);
        if (!o.ok()) {
            throw new CommandExecutionError("Cannot write the crontab of " + user + ": " + o.error());
        }
    }

    /** One managed job. {@code special} is @reboot etc., replacing the five time fields. */
    record Job(String minute, String hour, String daymonth, String month, String dayweek, String cmd,
               String comment, boolean commented, String identifier, String special) {
        String id() {
            return identifier == null || identifier.isEmpty() ? cmd : identifier;
        }

        List<String> render() {
            List<String> out = new ArrayList<>();
            StringBuilder head = new StringBuilder("#");
            if (comment != null && !comment.isEmpty()) {
                head.append(' ').append(comment.stripTrailing().replace("\n", "\n# "));
            }
            head.append(' ').append(IDENT).append(':').append(id());
            out.add(head.toString());
            String when = special != null && !special.isEmpty() ? special
                    : minute + " " + hour + " " + daymonth + " " + month + " " + dayweek;
            out.add((commented ? "#DISABLED#" : "") + when + " " + cmd);
            return out;
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (special != null) {
                m.put("spec", special);
            } else {
                m.put("minute", minute);
                m.put("hour", hour);
                m.put("daymonth", daymonth);
                m.put("month", month);
                m.put("dayweek", dayweek);
            }
            m.put("cmd", cmd);
            m.put("comment", comment);
            m.put("commented", commented);
            m.put("identifier", identifier);
            return m;
        }
    }

    /** A parsed crontab: unmanaged lines kept verbatim above Salt's tag, jobs below it. */
    static final class Tab {
        final List<String> pre = new ArrayList<>();
        final List<String> env = new ArrayList<>();
        final List<Job> jobs = new ArrayList<>();

        static Tab parse(String text) {
            Tab t = new Tab();
            boolean managed = false;
            String comment = null;
            String ident = null;
            for (String line : text.split("\n")) {
                if (!managed) {
                    if (line.strip().equals(TAG)) {
                        managed = true;
                    } else if (!line.isEmpty() || !t.pre.isEmpty()) {
                        t.pre.add(line);
                    }
                    continue;
                }
                String s = line.strip();
                if (s.isEmpty()) {
                    continue;
                }
                if (s.startsWith("#") && !s.startsWith("#DISABLED#")) {
                    String body = s.substring(1).strip();
                    int at = body.indexOf(IDENT + ":");
                    if (at >= 0) {
                        ident = body.substring(at + IDENT.length() + 1).strip();
                        body = body.substring(0, at).strip();
                    }
                    comment = comment == null ? (body.isEmpty() ? null : body) : comment + "\n" + body;
                    continue;
                }
                boolean commented = s.startsWith("#DISABLED#");
                if (commented) {
                    s = s.substring("#DISABLED#".length()).strip();
                }
                if (s.matches("^[A-Za-z_][A-Za-z0-9_]*=.*") && comment == null && ident == null) {
                    t.env.add(s);
                    continue;
                }
                Job j;
                if (s.startsWith("@")) {
                    String[] w = s.split("\\s+", 2);
                    j = new Job(null, null, null, null, null, w.length > 1 ? w[1] : "", comment, commented, ident, w[0]);
                } else {
                    String[] w = s.split("\\s+", 6);
                    if (w.length < 6) {
                        t.pre.add(line);
                        continue;
                    }
                    j = new Job(w[0], w[1], w[2], w[3], w[4], w[5], comment, commented, ident, null);
                }
                t.jobs.add(j);
                comment = null;
                ident = null;
            }
            while (!t.pre.isEmpty() && t.pre.get(t.pre.size() - 1).isEmpty()) {
                t.pre.remove(t.pre.size() - 1);
            }
            return t;
        }

        int find(String cmd, String identifier) {
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                boolean idMatch = identifier != null && !identifier.isEmpty() ? identifier.equals(j.identifier())
                        || (j.identifier() == null && identifier.equals(j.cmd()))
                        : cmd.equals(j.identifier()) || (j.identifier() == null && cmd.equals(j.cmd()));
                if (idMatch) {
                    return i;
                }
            }
            return -1;
        }

        /** 'present' when an identical job is there, else 'new' or 'updated' after changing this tab. */
        String set(Job want) {
            int i = find(want.cmd(), want.identifier());
            Job normal = new Job(want.minute(), want.hour(), want.daymonth(), want.month(), want.dayweek(),
                    want.cmd(), want.comment(), want.commented(), want.id(), want.special());
            if (i < 0) {
                jobs.add(normal);
                return "new";
            }
            if (jobs.get(i).render().equals(normal.render())) {
                return "present";
            }
            jobs.set(i, normal);
            return "updated";
        }

        boolean remove(String cmd, String identifier) {
            int i = find(cmd, identifier);
            if (i < 0) {
                return false;
            }
            jobs.remove(i);
            return true;
        }

        String render() {
            List<String> out = new ArrayList<>(pre);
            out.add(TAG);
            out.addAll(env);
            for (Job j : jobs) {
                out.addAll(j.render());
            }
            return String.join("\n", out) + "\n";
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("pre", new ArrayList<Object>(pre));
            List<Object> crons = new ArrayList<>();
            List<Object> special = new ArrayList<>();
            for (Job j : jobs) {
                (j.special() == null ? crons : special).add(j.toMap());
            }
            m.put("crons", crons);
            m.put("special", special);
            m.put("env", new ArrayList<Object>(env));
            return m;
        }
    }
}
