package io.jsalt.common.state.high;

import io.jsalt.common.match.Matcher;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.match.TargetException;
import io.jsalt.common.match.TargetType;
import io.jsalt.common.render.RenderContext;
import io.jsalt.common.render.RenderException;
import io.jsalt.common.render.Renderer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Top files, for states and for pillar: gather one top file per saltenv (plus the SLS files
 * their {@code include:} names), merge them, and find what one minion gets. Follows
 * salt/state.py (BaseHighState get_tops, _merge_tops_merge, verify_tops, top_matches) and
 * salt/pillar/__init__.py (get_tops, merge_tops with {@code order} and
 * {@code ignore_missing}, top_matches), whose results differ in small ways noted below.
 */
public final class Tops {
    private static final Logger log = LoggerFactory.getLogger(Tops.class);

    /** Which of Salt's two top file flavours. */
    public enum Kind { STATE, PILLAR }

    /** Merged top data ({@code saltenv -> target -> [match dicts and sls names]}) and errors. */
    public record Merged(Map<String, Map<String, Object>> top, List<String> errors, Map<String, Set<String>> ignoreMissing) { }

    private Tops() {}

    /**
     * Renders the top file {@code topName} of each saltenv in {@code envs} (those that have
     * one), follows their includes, and merges them.
     */
    public static Merged gather(SlsTree tree, Renderer renderer, RenderContext base, Collection<String> envs,
                                String topName, Kind kind) {
        List<String> errors = new ArrayList<>();
        Map<String, List<Map<String, Object>>> tops = new LinkedHashMap<>();
        for (String env : envs) {
            tops.computeIfAbsent(env, k -> new ArrayList<>());
            try {
                if (tree.roots().find(env, topName).isEmpty()) {
                    continue;
                }
                tops.get(env).add(render(renderer, base, env, topName));
            } catch (RenderException | IllegalArgumentException e) {
                errors.add(topError(kind, e));
                log.error("Unable to render top file {} of saltenv {}: {}", topName, env, e.getMessage());
            }
        }
        // Includes in top files name SLS files holding more top data, in the same saltenv.
        for (Map.Entry<String, List<Map<String, Object>>> e : tops.entrySet()) {
            String env = e.getKey();
            List<Object> include = new ArrayList<>();
            for (Map<String, Object> ctop : e.getValue()) {
                Object inc = ctop.remove("include");
                if (inc instanceof List<?> l) {
                    include.addAll(l);
                }
            }
            Set<String> done = new LinkedHashSet<>();
            List<Map<String, Object>> extra = new ArrayList<>();
            for (Object pattern : include) {
                for (String sls : tree.filter(env, String.valueOf(pattern))) {
                    if (!done.add(sls)) {
                        continue;
                    }
                    try {
                        tree.find(env, sls).ifPresent(src -> extra.add(render(renderer, base, env, src.relPath())));
                    } catch (RenderException e2) {
                        errors.add(topError(kind, e2));
                    }
                }
            }
            extra.forEach(t -> t.remove("include"));
            e.getValue().addAll(extra);
        }
        Map<String, Set<String>> ignore = new LinkedHashMap<>();
        Map<String, Map<String, Object>> top = kind == Kind.STATE ? mergeStateTops(tops, errors)
                : mergePillarTops(tops, ignore, errors);
        return new Merged(top, errors, ignore);
    }

    private static String topError(Kind kind, RuntimeException e) {
        return kind == Kind.PILLAR ? "Rendering Primary Top file failed, render error:\n" + e.getMessage()
                : "Unable to render top file: " + e.getMessage();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> render(Renderer renderer, RenderContext base, String env, String relPath) {
        RenderContext ctx = RenderContext.builder().from(base).saltenv(env).sls(null).build();
        Object data = renderer.renderSlsFile(relPath, ctx);
        if (!(data instanceof Map)) {
            throw new RenderException(relPath, -1, "top file does not render to a dictionary", null);
        }
        return (Map<String, Object>) data;
    }

    /** Salt's default 'merge' strategy: base is authoritative; other saltenvs add only their own section. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> mergeStateTops(Map<String, List<Map<String, Object>>> tops,
                                                                   List<String> errors) {
        Map<String, Map<String, Object>> top = new LinkedHashMap<>();
        for (Map<String, Object> ctop : tops.getOrDefault("base", List.of())) {
            for (Map.Entry<String, Object> e : ctop.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> targets) {
                    top.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).putAll((Map<String, Object>) targets);
                } else {
                    errors.add("Unable to render top file. No targets found.");
                }
            }
        }
        Set<String> fromBase = new LinkedHashSet<>(top.keySet());
        for (Map.Entry<String, List<Map<String, Object>>> env : tops.entrySet()) {
            if (env.getKey().equals("base")) {
                continue;
            }
            for (Map<String, Object> ctop : env.getValue()) {
                for (Map.Entry<String, Object> e : ctop.entrySet()) {
                    if (!e.getKey().equals(env.getKey()) || fromBase.contains(e.getKey())) {
                        continue; // Salt ignores other saltenvs' sections and those base defined
                    }
                    if (e.getValue() instanceof Map<?, ?> targets) {
                        top.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).putAll((Map<String, Object>) targets);
                    } else {
                        errors.add("Unable to render top file. No targets found.");
                    }
                }
            }
        }
        return top;
    }

    /** Salt's pillar merge_tops: every section counts; targets are sorted by their {@code order}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> mergePillarTops(Map<String, List<Map<String, Object>>> tops,
                                                                    Map<String, Set<String>> ignore,
                                                                    List<String> errors) {
        Map<String, Map<String, Object>> top = new LinkedHashMap<>();
        Map<String, Map<String, Long>> orders = new LinkedHashMap<>();
        for (List<Map<String, Object>> ctops : tops.values()) {
            for (Map<String, Object> ctop : ctops) {
                for (Map.Entry<String, Object> e : ctop.entrySet()) {
                    String env = e.getKey();
                    if (!(e.getValue() instanceof Map<?, ?> targets)) {
                        errors.add("Unable to render top file. No targets found.");
                        continue;
                    }
                    for (Map.Entry<String, Object> t : ((Map<String, Object>) targets).entrySet()) {
                        List<Object> items = t.getValue() instanceof List<?> l ? (List<Object>) l
                                : List.of(String.valueOf(t.getValue()));
                        List<Object> matchDicts = new ArrayList<>();
                        Set<String> states = new LinkedHashSet<>();
                        long order = 0;
                        boolean ignoreMissing = false;
                        for (Object comp : items) {
                            if (comp instanceof Map<?, ?> m) {
                                if (m.containsKey("match")) {
                                    matchDicts.add(comp);
                                }
                                if (m.containsKey("order")) {
                                    order = toLong(m.get("order"));
                                }
                                ignoreMissing |= io.jsalt.common.data.Data.truthy(m.get("ignore_missing"));
                            } else if (comp instanceof String s) {
                                states.add(s);
                            }
                        }
                        if (ignoreMissing) {
                            ignore.computeIfAbsent(env, k -> new LinkedHashSet<>()).addAll(states);
                        }
                        List<Object> merged = new ArrayList<>(matchDicts);
                        merged.addAll(states);
                        top.computeIfAbsent(env, k -> new LinkedHashMap<>()).put(t.getKey(), merged);
                        orders.computeIfAbsent(env, k -> new LinkedHashMap<>()).put(t.getKey(), order);
                    }
                }
            }
        }
        Map<String, Map<String, Object>> sorted = new LinkedHashMap<>();
        top.forEach((env, targets) -> {
            List<String> keys = new ArrayList<>(targets.keySet());
            keys.sort((a, b) -> Long.compare(orders.get(env).get(a), orders.get(env).get(b))); // stable, as Python's sorted
            Map<String, Object> m = new LinkedHashMap<>();
            keys.forEach(k -> m.put(k, targets.get(k)));
            sorted.put(env, m);
        });
        return sorted;
    }

    private static long toLong(Object o) {
        if (o instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(o).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Salt's verify_tops: the messages Salt gives for malformed top data. */
    public static List<String> verify(Map<String, Map<String, Object>> top) {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : top.entrySet()) {
            if (e.getKey().equals("include")) {
                continue;
            }
            if (e.getKey().isEmpty()) {
                errors.add("Empty saltenv statement in top file");
            }
            for (Object slsmods : e.getValue().values()) {
                if (!(slsmods instanceof List<?> mods)) {
                    errors.add("Malformed topfile (state declarations not formed as a list)");
                    continue;
                }
                for (Object mod : mods) {
                    if (mod instanceof Map<?, ?> m) {
                        for (Object v : m.values()) {
                            if (!io.jsalt.common.data.Data.truthy(v)) {
                                errors.add("Improperly formatted top file matcher in saltenv " + m + ": " + v + " file");
                            }
                        }
                    } else if (mod instanceof String s && s.isEmpty()) {
                        errors.add("Environment " + e.getKey() + " contains an empty sls index");
                    }
                }
            }
        }
        return errors;
    }

    /**
     * What one minion gets: {@code saltenv -> [sls, ...]}. A target without {@code - match:}
     * is a compound target. For states, list items that are {@code {saltenv: sls}} dicts add
     * to that saltenv and names repeat as listed; for pillar, names are listed once.
     *
     * @param onlyEnv the minion's {@code saltenv}/{@code pillarenv}, or null for all
     * @param envs    the saltenvs that exist (a state top's {@code {env: sls}} items need one)
     * @param errors  receives a message for each target that cannot be compiled
     */
    public static Map<String, List<String>> matches(Map<String, Map<String, Object>> top, Matcher matcher,
                                                    MinionData minion, String onlyEnv, Kind kind,
                                                    Collection<String> envs, List<String> errors) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> envEntry : top.entrySet()) {
            String env = envEntry.getKey();
            if (onlyEnv != null && !onlyEnv.isEmpty() && !onlyEnv.equals(env)) {
                continue;
            }
            for (Map.Entry<String, Object> t : envEntry.getValue().entrySet()) {
                List<?> data = t.getValue() instanceof List<?> l ? l : List.of(String.valueOf(t.getValue()));
                if (!confirm(matcher, t.getKey(), data, minion, errors)) {
                    continue;
                }
                List<String> envMatches = out.computeIfAbsent(env, k -> new ArrayList<>());
                for (Object item : data) {
                    if (item instanceof String s) {
                        if (kind == Kind.STATE || !envMatches.contains(s)) {
                            envMatches.add(s);
                        }
                    } else if (kind == Kind.STATE && item instanceof Map<?, ?> m && m.size() == 1) {
                        Map.Entry<?, ?> only = m.entrySet().iterator().next();
                        String otherEnv = String.valueOf(only.getKey());
                        if (envs.contains(otherEnv)) {
                            out.computeIfAbsent(otherEnv, k -> new ArrayList<>()).add(String.valueOf(only.getValue()));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Salt's confirm_top: the last {@code match:} dict names the matcher, compound by default. */
    private static boolean confirm(Matcher matcher, String target, List<?> data, MinionData minion, List<String> errors) {
        TargetType type = TargetType.TOP_FILE_DEFAULT;
        try {
            for (Object item : data) {
                if (item instanceof Map<?, ?> m && m.containsKey("match")) {
                    type = TargetType.fromSalt(String.valueOf(m.get("match")));
                }
            }
            return matcher.matches(target, type, minion);
        } catch (TargetException e) {
            errors.add("Invalid target '" + target + "' in top file: " + e.getMessage());
            log.error("Invalid target '{}' in top file: {}", target, e.getMessage());
            return false;
        }
    }
}
