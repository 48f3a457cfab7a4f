package io.jsalt.master.jobs;

import io.jsalt.common.Jid;
import io.jsalt.common.py.Fnmatch;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The data of Salt 3006's jobs runner (salt/runners/jobs.py over the local_cache
 * returner), read from the {@link JobCache}: {@code jobs.list_jobs}, {@code jobs.list_job},
 * {@code jobs.lookup_jid}. Printing is the outputters' business; {@link #outputter} says
 * which one Salt would pick.
 */
public final class JobViews {
    static final String NO_JOB = "Cannot contact returner or no job with this jid";
    static final String DID_NOT_RETURN = "Minion did not return";

    private JobViews() {}

    /** Filters of jobs.list_jobs; null means "not given". */
    public record ListJobsFilter(Object searchMetadata, Object searchFunction, Object searchTarget,
            String startTime, String endTime) {
        public static final ListJobsFilter NONE = new ListJobsFilter(null, null, null, null, null);
    }

    /** What jobs.lookup_jid returns: data by minion, and the outputter the job asked for. */
    public record Lookup(Map<String, Object> data, String outputter) {
        /** Salt's return value: {"outputter": out, "data": data} when the job named one. */
        public Object saltShape() {
            if (outputter == null || outputter.isEmpty()) {
                return data;
            }
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("outputter", outputter);
            wrapped.put("data", data);
            return wrapped;
        }
    }

    /**
     * jobs.list_jobs: {jid: {Function, Arguments, Target, Target-type, User, [Metadata],
     * StartTime}} oldest first, filtered as Salt does (all given filters must match).
     */
    public static Map<String, Map<String, Object>> listJobs(JobCache cache, ListJobsFilter filter) {
        Instant start = filter.startTime() == null ? null : parseTime("start_time", filter.startTime());
        Instant end = filter.endTime() == null ? null : parseTime("end_time", filter.endTime());
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> e : cache.loads().entrySet()) {
            String jid = e.getKey();
            Map<String, Object> item = formatJidInstance(jid, e.getValue());
            if (matches(jid, item, filter, start, end)) {
                out.put(jid, item);
            }
        }
        return out;
    }

    /** jobs.list_job: {"jid", the job's fields, "Minions", "StartTime", "Result"}. */
    public static Map<String, Object> listJob(JobCache cache, String jid) {
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put("jid", jid);
        Map<String, Object> job = cache.load(jid).map(JobViews::withMinions).orElse(Map.of());
        Map<String, Object> formatted = formatJobInstance(job);
        if (job.containsKey("Minions")) {
            formatted.put("Minions", job.get("Minions"));
        }
        formatted.put("StartTime", Jid.toTime(jid));
        ret.putAll(formatted);
        ret.put("Result", result(cache, jid));
        return ret;
    }

    /**
     * jobs.print_job: {jid: {Function, Arguments, Target, Target-type, User, StartTime,
     * Result: {minion: {return, [out]}}}}, as salt/runners/jobs.py print_job builds it.
     */
    public static Map<String, Object> printJob(JobCache cache, String jid) {
        Map<String, Object> job = formatJidInstance(jid, cache.load(jid).orElse(Map.of()));
        job.put("Result", result(cache, jid));
        Map<String, Object> ret = new LinkedHashMap<>();
        ret.put(jid, job);
        return ret;
    }

    /**
     * jobs.lookup_jid: {minion: return}; with missing, minions that were expected but did
     * not return map to "Minion did not return"; without returned, minions that did return
     * are left out. The outputter is the first return's "out" (highstate for state runs).
     */
    public static Lookup lookupJid(JobCache cache, String jid, boolean returned, boolean missing) {
        Map<String, Object> data = listJob(cache, jid);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> returns = (Map<String, Map<String, Object>>) data.get("Result");
        Map<String, Object> ret = new LinkedHashMap<>();
        if (returned) {
            returns.forEach((minion, r) -> ret.put(minion, r.get("return")));
        }
        if (missing) {
            Object targeted = data.getOrDefault("Minions", List.of());
            if (targeted instanceof Collection<?> c) {
                for (Object m : c) {
                    if (!returns.containsKey(String.valueOf(m))) {
                        ret.put(String.valueOf(m), DID_NOT_RETURN);
                    }
                }
            }
        }
        String outputter = null;
        if (!returns.isEmpty()) {
            Object out = returns.values().iterator().next().get("out");
            outputter = out instanceof String s ? s : null;
        }
        return new Lookup(ret, outputter);
    }

    /** jobs.lookup_jid with Salt's defaults (returned=True, missing=False). */
    public static Lookup lookupJid(JobCache cache, String jid) {
        return lookupJid(cache, jid, true, false);
    }

    /**
     * The outputter salt-run uses (salt.output.get_printout): {@code --out} wins unless it is
     * "highstate" (then the job's own outputter is used, or nested if it has none); "text"
     * means txt; nothing means nested.
     */
    public static String outputter(String cliOut, String jobOut) {
        String out = jobOut;
        if (cliOut != null && !cliOut.equals("highstate")) {
            out = cliOut;
        }
        if ("text".equals(out)) {
            return "txt";
        }
        return out == null || out.isEmpty() ? "nested" : out;
    }

    /** salt.utils.jid.format_job_instance (the job_cache view, no Minions). */
    public static Map<String, Object> formatJobInstance(Map<String, Object> job) {
        Map<String, Object> ret = new LinkedHashMap<>();
        if (job == null || job.isEmpty()) {
            ret.put("Error", NO_JOB);
            return ret;
        }
        ret.put("Function", job.getOrDefault("fun", "unknown-function"));
        Object arg = job.get("arg");
        ret.put("Arguments", arg instanceof Collection<?> c ? new ArrayList<>(c) : new ArrayList<>());
        ret.put("Target", job.getOrDefault("tgt", "unknown-target"));
        ret.put("Target-type", job.getOrDefault("tgt_type", "list"));
        ret.put("User", job.getOrDefault("user", "root"));
        if (job.containsKey("metadata")) {
            ret.put("Metadata", job.get("metadata"));
        } else if (job.get("kwargs") instanceof Map<?, ?> kw && kw.containsKey("metadata")) {
            ret.put("Metadata", kw.get("metadata"));
        }
        return ret;
    }

    /** salt.utils.jid.format_jid_instance: the job plus "StartTime" (jid_to_time). */
    public static Map<String, Object> formatJidInstance(String jid, Map<String, Object> job) {
        Map<String, Object> ret = formatJobInstance(job);
        ret.put("StartTime", Jid.toTime(jid));
        return ret;
    }

    /** local_cache.get_load: the load plus "Minions", the expected minions sorted. */
    private static Map<String, Object> withMinions(Map<String, Object> load) {
        Map<String, Object> job = new LinkedHashMap<>(load);
        if (load.get("minions") instanceof Collection<?> c && !c.isEmpty()) {
            List<String> sorted = new ArrayList<>();
            c.forEach(m -> sorted.add(String.valueOf(m)));
            sorted.sort(null);
            job.put("Minions", sorted);
        }
        return job;
    }

    /** local_cache.get_jid: {minion: {"return": ..., ["out": ...]}} in arrival order. */
    private static Map<String, Object> result(JobCache cache, String jid) {
        Map<String, Object> out = new LinkedHashMap<>();
        cache.returns(jid).forEach((minion, r) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("return", r.get("return"));
            if (r.containsKey("out")) {
                m.put("out", r.get("out"));
            }
            out.put(minion, m);
        });
        return out;
    }

    private static boolean matches(String jid, Map<String, Object> item, ListJobsFilter f,
            Instant start, Instant end) {
        if (given(f.searchMetadata())) {
            if (!(item.get("Metadata") instanceof Map<?, ?> md) || !(f.searchMetadata() instanceof Map<?, ?> want)) {
                return false; // Salt ignores a non-dict search_metadata, matching nothing
            }
            boolean any = false;
            for (Map.Entry<?, ?> w : want.entrySet()) {
                if (md.containsKey(w.getKey()) && Objects.equals(md.get(w.getKey()), w.getValue())) {
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
        }
        if (given(f.searchTarget())) {
            Object target = item.get("Target");
            List<?> targets = target instanceof List<?> l ? l : List.of(String.valueOf(target));
            boolean any = false;
            for (Object t : targets) {
                for (String key : splitInput(f.searchTarget())) {
                    any |= Fnmatch.matches(String.valueOf(t), key);
                }
            }
            if (!any) {
                return false;
            }
        }
        if (given(f.searchFunction())) {
            String fun = String.valueOf(item.get("Function"));
            if (splitInput(f.searchFunction()).stream().noneMatch(k -> Fnmatch.matches(fun, k))) {
                return false;
            }
        }
        Instant started = Jid.parse(jid);
        if (start != null && started.isBefore(start)) {
            return false;
        }
        return end == null || !started.isAfter(end);
    }

    private static boolean given(Object o) {
        return o != null && !"".equals(o) && !(o instanceof Collection<?> c && c.isEmpty())
                && !(o instanceof Map<?, ?> m && m.isEmpty()) && !Boolean.FALSE.equals(o);
    }

    /** salt.utils.args.split_input: a list as is, else the text split on commas, stripped. */
    static List<String> splitInput(Object val) {
        List<String> out = new ArrayList<>();
        if (val instanceof List<?> l) {
            l.forEach(x -> out.add(String.valueOf(x)));
        } else {
            for (String part : String.valueOf(val).split(",", -1)) {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static final DateTimeFormatter SALT_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("uuuu, MMM d H:mm")
            .optionalStart().appendPattern(":ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 1, 6, true).optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter ISO_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("H:mm")
            .optionalStart().appendPattern(":ss")
            .optionalStart().appendFraction(ChronoField.MICRO_OF_SECOND, 1, 6, true).optionalEnd()
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    /**
     * A start_time/end_time, taken as UTC like the JIDs it is compared with. Salt accepts
     * whatever dateutil parses; here: a JID, Salt's own "2015, Mar 16 19:00[:ss[.ffffff]]",
     * "2015-03-16[ T]19:00[:ss[.ffffff]]" or "2015-03-16".
     */
    static Instant parseTime(String name, String text) {
        String t = text.strip();
        if (Jid.isValid(t)) {
            return Jid.parse(t);
        }
        for (DateTimeFormatter f : List.of(SALT_TIME, ISO_TIME)) {
            Optional<Instant> i = tryParse(t, f);
            if (i.isPresent()) {
                return i.get();
            }
        }
        try {
            return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a time I can read: use "
                    + "e.g. '2015, Mar 16 19:00', '2015-03-16 19:00:00' or a JID", e);
        }
    }

    private static Optional<Instant> tryParse(String t, DateTimeFormatter f) {
        try {
            return Optional.of(LocalDateTime.parse(t, f).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
