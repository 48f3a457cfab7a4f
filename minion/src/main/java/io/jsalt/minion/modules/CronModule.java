package io.jsalt.minion.modules;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.FunctionNotAvailable;
import io.jsalt.common.plugin.Registry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Salt's cron module: user crontabs through crontab(1), in Salt's layout so a crontab Salt
 * managed is managed the same here: lines below "# Lines below here are managed by Salt, do
 * not edit" are jobs, each with a "# comment SALT_CRON_IDENTIFIER:id" line above it.
 * Environment lines (NAME=value) below the tag are the crontab's env, set and removed by name.
 * The crontab program is {@code cron.crontab} in the minion config (default: crontab).
 *
 * <p>Parsing, matching and the "random" time fields follow salt/modules/cron.py (list_tab,
 * _needs_change, _get_cron_date_time, set_job, set_env, rm_env, _render_tab).
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
        return missingCrontab(ctx);
    }

    private static String missingCrontab(Context ctx) {
        return Sh.has(crontab(ctx)) ? null : "crontab (package cron) is not installed";
    }

    /**
     * The cron states ask {@link #wouldSetJob} and {@link #hasJob} directly, not through the
     * registry, so they meet the module's absence here: without crontab Salt's cron module does
     * not load (its __virtual__), and a cron state fails in a dry run as in a run
     * (salt/states/cron.py's __virtual__ needs cron.list_tab).
     */
    private static void requireCrontab(Context ctx) {
        String reason = missingCrontab(ctx);
        if (reason != null) {
            throw new FunctionNotAvailable(Registry.virtualFalse("cron", reason));
        }
    }

    @Fn(doc = "The user's crontab text.", example = "jsalt '*' cron.raw_cron root")
    public Object raw_cron(Call c) {
        return raw(c.ctx(), c.requiredStr(0, "user"));
    }

    @Fn(doc = """
            The user's crontab parsed as {pre: [lines not managed], crons: [{minute, hour, daymonth, month, dayweek, \
            cmd, comment, commented, identifier}], special: [...], env: [{name, value}]}.""",
            example = "jsalt '*' cron.list_tab root")
    public Object list_tab(Call c) {
        return Tab.parse(raw(c.ctx(), c.requiredStr(0, "user"))).toMap();
    }

    @Fn(doc = """
            Add or update a job; returns 'present', 'new' or 'updated'. The job is found by its identifier (default: \
            the command). A time field given as 'random' gets a random value once: a job already there keeps the value \
            it has unless that is '*'.""",
            example = "jsalt '*' cron.set_job root '*/5' '*' '*' '*' '*' "
            + "/usr/local/bin/backup comment='nightly backup'")
    public Object set_job(Call c) {
        String user = c.requiredStr(0, "user");
        Job want = new Job(c.str(1, "minute", "*"), c.str(2, "hour", "*"), c.str(3, "daymonth", "*"),
                c.str(4, "month", "*"), c.str(5, "dayweek", "*"), c.requiredStr(6, "cmd"),
                c.str(-1, "comment", null), c.bool(-1, "commented", false), c.str(-1, "identifier", null),
                c.str(-1, "special", null));
        return edit(c.ctx(), user, tab -> tab.set(want));
    }

    /**
     * What {@code cron.set_job} would answer for this job ('present', 'new' or 'updated'),
     * computed on the crontab as read and written nowhere: the cron states' test mode asks this,
     * so that a dry run and the real run find and compare the job the same way. {@code job} holds
     * the state's keywords (minute, hour, daymonth, month, dayweek, comment, commented,
     * identifier, special).
     */
    public static String wouldSetJob(Context ctx, String user, String cmd, Map<String, Object> job) {
        Job want = new Job(field(job, "minute", "*"), field(job, "hour", "*"), field(job, "daymonth", "*"),
                field(job, "month", "*"), field(job, "dayweek", "*"), cmd, field(job, "comment", null),
                Boolean.parseBoolean(field(job, "commented", "false")), field(job, "identifier", null),
                field(job, "special", null));
        requireCrontab(ctx);
        return Tab.parse(raw(ctx, user)).set(want);
    }

    /**
     * Whether the user's crontab has the job cron.rm_job would remove (by identifier, else
     * command; timed or special): the cron.absent state's question.
     */
    public static boolean hasJob(Context ctx, String user, String cmd, String identifier) {
        requireCrontab(ctx);
        return Tab.parse(raw(ctx, user)).find(cmd, identifier) >= 0;
    }

    private static String field(Map<String, Object> job, String key, String dflt) {
        Object v = job.get(key);
        return v == null ? dflt : String.valueOf(v);
    }

    @Fn(doc = "Remove a job found by identifier or command; returns 'removed' or 'absent'.",
            example = "jsalt '*' cron.rm_job root /usr/local/bin/backup")
    public Object rm_job(Call c) {
        String cmd = c.requiredStr(1, "cmd");
        String identifier = c.str(-1, "identifier", null);
        return edit(c.ctx(), c.requiredStr(0, "user"), tab -> tab.remove(cmd, identifier) ? "removed" : "absent");
    }

    @Fn(doc = """
            Set an environment variable (NAME=value line) in the user's crontab; returns 'present', 'new' or \
            'updated'.""",
            example = "jsalt '*' cron.set_env root MAILTO ops@example.com")
    public Object set_env(Call c) {
        String name = envName(c.requiredStr(1, "name"));
        String value = c.str(2, "value", null);
        // A line break in the value would write a line of its own (another variable or a job).
        if (value != null && (value.contains("\n") || value.contains("\r"))) {
            throw new CommandExecutionError("Invalid crontab environment value for " + name + ": it has a line break");
        }
        return edit(c.ctx(), c.requiredStr(0, "user"), tab -> tab.setEnv(name, value));
    }

    @Fn(doc = "Remove an environment variable from the user's crontab; returns 'removed' or 'absent'.",
            example = "jsalt '*' cron.rm_env root MAILTO")
    public Object rm_env(Call c) {
        String name = c.requiredStr(1, "name");
        return edit(c.ctx(), c.requiredStr(0, "user"), tab -> tab.env.removeIf(e -> e.name().equals(name))
                ? "removed" : "absent");
    }

    /**
     * A name an env line can carry: a name with '=', a space or a line break would be read back
     * as another line or another variable, so it is refused instead of corrupting the crontab.
     */
    private static String envName(String name) {
        if (name.isEmpty() || name.matches("(?s).*[=\\s#].*")) {
            throw new CommandExecutionError("Invalid crontab environment variable name: '" + name + "'");
        }
        return name;
    }

    /**
     * Whether a job's field must change from {@code old} to {@code want} (Salt's _needs_change):
     * a field not asked for ({@code null}) never does, and 'random' only replaces '*'.
     */
    static boolean needsChange(Object old, Object want) {
        if (want == null || String.valueOf(want).equals(String.valueOf(old))) {
            return false;
        }
        return !want.equals("random") || "*".equals(old);
    }

    /**
     * The value a time field is written with: 'random' becomes a random value of the field's
     * range, the day of the month within the month's days as far as the month is known.
     */
    static String timeValue(String field, String value, String month) {
        if (!"random".equals(value)) {
            return value;
        }
        int[] range = switch (field) {
            case "minute" -> new int[] {0, 59};
            case "hour" -> new int[] {0, 23};
            case "month" -> new int[] {1, 12};
            case "dayweek" -> new int[] {0, 6};
            default -> new int[] {1, List.of("1", "3", "5", "7", "8", "10", "12").contains(month) ? 31
                    : List.of("4", "6", "9", "11").contains(month) ? 30 : 28};
        };
        return String.valueOf(ThreadLocalRandom.current().nextInt(range[0], range[1] + 1));
    }

    /**
     * Reads the user's crontab, lets {@code change} edit it and writes it back unless the answer
     * says nothing changed ('present' or 'absent', as Salt's set and rm functions answer).
     */
    private static String edit(Context ctx, String user, Function<Tab, String> change) {
        Tab tab = Tab.parse(raw(ctx, user));
        String result = change.apply(tab);
        if (!result.equals("present") && !result.equals("absent")) {
            write(ctx, user, tab.render());
        }
        return result;
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
            Map<String, Object> m = special != null ? Data.map("spec", special)
                    : Data.map("minute", minute, "hour", hour, "daymonth", daymonth, "month", month, "dayweek", dayweek);
            m.putAll(Data.map("cmd", cmd, "comment", comment, "commented", commented, "identifier", identifier));
            return m;
        }
    }

    /** One NAME=value line of the managed part; an empty value is written NAME="" as Salt's _render_tab does. */
    record Env(String name, String value) {
        String line() {
            return name + "=" + (value == null || value.isEmpty() ? "\"\"" : value);
        }
    }

    /** A parsed crontab: unmanaged lines kept verbatim above Salt's tag, jobs below it. */
    static final class Tab {
        final List<String> pre = new ArrayList<>();
        final List<Env> env = new ArrayList<>();
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
                // An env line as Salt's list_tab reads one: an '=' after the first character and
                // before any space, and not disabled.
                int eq = s.indexOf('=');
                int sp = s.indexOf(' ');
                if (!commented && eq > 0 && (sp < 0 || eq < sp)) {
                    String value = s.substring(eq + 1);
                    t.env.add(new Env(s.substring(0, eq), value.equals("\"\"") ? "" : value));
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

        /**
         * 'present' when the job is there with no field to change, else 'new' or 'updated' after
         * changing this tab. A field that needs no change keeps the value the crontab has, so a
         * 'random' field is drawn once and kept (salt/modules/cron.py set_job).
         */
        String set(Job want) {
            int i = find(want.cmd(), want.identifier());
            if (i < 0) {
                jobs.add(drawn(want, null));
                return "new";
            }
            Job old = jobs.get(i);
            if (!changes(old, want)) {
                return "present";
            }
            jobs.set(i, drawn(want, old));
            return "updated";
        }

        /** Whether any field of the job in the crontab must change for the wanted one. */
        static boolean changes(Job old, Job want) {
            boolean special = want.special() != null;
            if (special != (old.special() != null)) {
                return true;
            }
            boolean any = needsChange(old.identifier(), want.id()) || needsChange(old.cmd(), want.cmd())
                    || needsChange(old.comment(), want.comment()) || old.commented() != want.commented();
            if (special) {
                return any || needsChange(old.special(), want.special());
            }
            return any || needsChange(old.minute(), want.minute()) || needsChange(old.hour(), want.hour())
                    || needsChange(old.daymonth(), want.daymonth()) || needsChange(old.month(), want.month())
                    || needsChange(old.dayweek(), want.dayweek());
        }

        /** The job to write: old values where a field needs no change, random fields drawn. */
        private static Job drawn(Job want, Job old) {
            String comment = old != null && want.comment() == null ? old.comment() : want.comment();
            if (want.special() != null) {
                return new Job(null, null, null, null, null, want.cmd(), comment, want.commented(), want.id(),
                        want.special());
            }
            boolean timed = old != null && old.special() == null;
            String month = timeValue("month", keep(timed ? old.month() : null, want.month()), null);
            return new Job(timeValue("minute", keep(timed ? old.minute() : null, want.minute()), month),
                    timeValue("hour", keep(timed ? old.hour() : null, want.hour()), month),
                    timeValue("daymonth", keep(timed ? old.daymonth() : null, want.daymonth()), month),
                    month, timeValue("dayweek", keep(timed ? old.dayweek() : null, want.dayweek()), month),
                    want.cmd(), comment, want.commented(), want.id(), null);
        }

        private static String keep(String old, String want) {
            return old != null && !needsChange(old, want) ? old : want == null ? "*" : want;
        }

        /** Salt's set_env: 'present' when NAME has this value, else 'new' or 'updated' after changing this tab. */
        String setEnv(String name, String value) {
            Env want = new Env(name, value);
            for (int i = 0; i < env.size(); i++) {
                if (env.get(i).name().equals(name)) {
                    if (env.get(i).line().equals(want.line())) {
                        return "present";
                    }
                    env.set(i, want);
                    return "updated";
                }
            }
            env.add(want);
            return "new";
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
            for (Env e : env) {
                out.add(e.line());
            }
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
            List<Object> envs = new ArrayList<>();
            for (Env e : env) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("name", e.name());
                one.put("value", e.value());
                envs.add(one);
            }
            m.put("env", envs);
            return m;
        }
    }
}
