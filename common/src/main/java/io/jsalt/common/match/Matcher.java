package io.jsalt.common.match;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Salt's targeting: compiles a target of any {@link TargetType} into a {@link
 * CompiledTarget}. The master compiles a job's target once and tests every known minion
 * with it; top files call {@link #matches} per entry, which keeps recently compiled
 * targets. Thread-safe.
 */
public final class Matcher {
    public static final String DEFAULT_DELIMITER = ":";

    /** Bound on the compiled targets {@link #matches} keeps (top files repeat targets). */
    private static final int CACHE_SIZE = 2048;

    private final Nodegroups nodegroups;
    private final Map<String, CompiledTarget> cache = new ConcurrentHashMap<>();

    /** @param nodegroups the master's {@code nodegroups:} (name to compound string or list); may be null */
    public Matcher(Map<String, ?> nodegroups) {
        this.nodegroups = new Nodegroups(nodegroups);
    }

    /** A matcher without nodegroups (N@ and nodegroup targets fail). */
    public Matcher() {
        this(Map.of());
    }

    public CompiledTarget compile(String tgt, TargetType type) {
        return compile(tgt, type, DEFAULT_DELIMITER);
    }

    /**
     * Compiles {@code tgt}. {@code delimiter} separates keys in grain and pillar targets
     * (Salt's --delimiter); inside compound targets each word names its own ({@code G;@a;b}).
     *
     * @throws TargetException when the target is malformed, naming it
     */
    public CompiledTarget compile(String tgt, TargetType type, String delimiter) {
        Objects.requireNonNull(type, "target type");
        if (tgt == null) {
            throw new TargetException("No target given for " + type + " targeting");
        }
        String delim = delimiter == null ? DEFAULT_DELIMITER : delimiter;
        Predicate<MinionData> test = switch (type) {
            case GLOB -> Targets.glob(tgt);
            case PCRE -> Targets.pcre(tgt);
            case LIST -> Targets.list(tgt);
            case GRAIN -> Targets.grain(tgt, delim, SubdictMatch.Mode.GLOB, type.saltName());
            case GRAIN_PCRE -> Targets.grain(tgt, delim, SubdictMatch.Mode.REGEX, type.saltName());
            case PILLAR -> Targets.pillar(tgt, delim, SubdictMatch.Mode.GLOB, type.saltName());
            case PILLAR_PCRE -> Targets.pillar(tgt, delim, SubdictMatch.Mode.REGEX, type.saltName());
            case PILLAR_EXACT -> Targets.pillar(tgt, delim, SubdictMatch.Mode.EXACT, type.saltName());
            case IPCIDR -> IpCidr.compile(tgt);
            case COMPOUND -> Compound.compile(words(tgt), tgt, nodegroups);
            case NODEGROUP -> nodegroup(tgt);
        };
        return new CompiledTarget(tgt, type, test);
    }

    /**
     * A target given as a list: ids for {@link TargetType#LIST}, words for {@link
     * TargetType#COMPOUND} (as Salt accepts from its Python API and YAML).
     */
    public CompiledTarget compile(List<String> tgt, TargetType type) {
        String text = String.join(type == TargetType.LIST ? "," : " ", tgt);
        return switch (type) {
            case LIST -> new CompiledTarget(text, type, Targets.list(new LinkedHashSet<>(tgt)));
            case COMPOUND -> new CompiledTarget(text, type, Compound.compile(tgt, text, nodegroups));
            default -> throw new TargetException("A list of targets is only valid for list and compound"
                    + " targeting, not " + type + ": " + tgt);
        };
    }

    /** Compiles (or reuses) the target and tests one minion. */
    public boolean matches(String tgt, TargetType type, MinionData minion) {
        return matches(tgt, type, DEFAULT_DELIMITER, minion);
    }

    public boolean matches(String tgt, TargetType type, String delimiter, MinionData minion) {
        String key = type.ordinal() + "\0" + delimiter + "\0" + tgt;
        CompiledTarget c = cache.get(key);
        if (c == null) {
            c = compile(tgt, type, delimiter);
            if (cache.size() >= CACHE_SIZE) {
                cache.clear();
            }
            cache.put(key, c);
        }
        return c.matches(minion);
    }

    /** Python's str.split(): whitespace-separated words, none for a blank string. */
    private static List<String> words(String s) {
        String t = s.strip();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }

    private Predicate<MinionData> nodegroup(String name) {
        if (!nodegroups.contains(name)) {
            throw new NodegroupException("Failed nodegroup expansion: unknown nodegroup \"" + name + "\"");
        }
        return Compound.compile(nodegroups.expand(name), "N@" + name, nodegroups);
    }
}
