package io.jsalt.minion.schedule;

import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The minion's schedule, as Salt keeps it: jobs from the minion config (and, once saved,
 * {@code minion.d/_schedule.conf} beside it) plus jobs from pillar, each a map with
 * {@code function}, {@code args}, {@code kwargs}, {@code seconds}/{@code minutes}/
 * {@code hours}/{@code days}, {@code splay}, {@code maxrunning}, {@code enabled},
 * {@code run_on_start}. A top-level {@code enabled: False} pauses every job.
 */
public final class Schedule {
    private static final Logger log = LoggerFactory.getLogger(Schedule.class);

    private final Path saveFile;
    private final Supplier<Map<String, Object>> pillar;
    private final Map<String, Object> opts = new LinkedHashMap<>();
    private final Map<String, Object> pillarChanges = new LinkedHashMap<>();

    /**
     * @param configured the minion config's {@code schedule}
     * @param saveFile   {@code <conf_dir>/minion.d/_schedule.conf}; read at start, written by save
     * @param pillar     the minion's current pillar (its {@code schedule} key)
     */
    @SuppressWarnings("unchecked")
    public Schedule(Map<String, Object> configured, Path saveFile, Supplier<Map<String, Object>> pillar) {
        this.saveFile = saveFile;
        this.pillar = pillar;
        if (configured != null) {
            opts.putAll((Map<String, Object>) Data.deepCopy(configured));
        }
        if (saveFile != null && Files.isRegularFile(saveFile)) {
            try {
                Map<String, Object> saved = Yaml.loadMap(Files.readString(saveFile), saveFile.toString());
                if (saved.get("schedule") instanceof Map<?, ?> s) {
                    opts.putAll((Map<String, Object>) s);
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Could not read the saved schedule {}: {}", saveFile, e.getMessage());
            }
        }
    }

    /** Where a job lives: the minion's own schedule, or pillar's. */
    public enum Where { OPTS, PILLAR }

    /** Every job by name (pillar jobs after the minion's own), each a copy. */
    @SuppressWarnings("unchecked")
    public synchronized Map<String, Map<String, Object>> jobs() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : pillarJobs().entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                Map<String, Object> job = (Map<String, Object>) Data.deepCopy(m);
                if (pillarChanges.get(e.getKey()) instanceof Map<?, ?> ch) {
                    job.putAll((Map<String, Object>) ch);
                }
                out.put(e.getKey(), job);
            }
        }
        for (Map.Entry<String, Object> e : opts.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> m) {
                out.put(e.getKey(), (Map<String, Object>) Data.deepCopy(m));
            }
        }
        return out;
    }

    /** False when the whole schedule is disabled ({@code enabled: False}). */
    public synchronized boolean enabled() {
        Object o = opts.containsKey("enabled") ? opts.get("enabled") : pillarJobs().get("enabled");
        return o == null || Data.truthy(o);
    }

    public synchronized Where where(String name) {
        if (opts.get(name) instanceof Map) {
            return Where.OPTS;
        }
        return pillarJobs().get(name) instanceof Map ? Where.PILLAR : null;
    }

    public synchronized void put(String name, Map<String, Object> job, boolean persist) {
        opts.put(name, new LinkedHashMap<>(job));
        if (persist) {
            save();
        }
    }

    /** Removes a job; a pillar job is only hidden until pillar says otherwise. */
    public synchronized boolean delete(String name, boolean persist) {
        boolean had = opts.remove(name) != null;
        if (persist && had) {
            save();
        }
        return had;
    }

    /** Sets one key of a job (enabled) in whichever schedule holds it. */
    @SuppressWarnings("unchecked")
    public synchronized boolean set(String name, String key, Object value, boolean persist) {
        if (opts.get(name) instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put(key, value);
            if (persist) {
                save();
            }
            return true;
        }
        if (pillarJobs().get(name) instanceof Map) {
            ((Map<String, Object>) pillarChanges.computeIfAbsent(name, k -> new LinkedHashMap<>())).put(key, value);
            return true;
        }
        return false;
    }

    public synchronized void setEnabled(boolean on, boolean persist) {
        opts.put("enabled", on);
        if (persist) {
            save();
        }
    }

    /** Removes every job the minion owns. */
    public synchronized void purge(boolean persist) {
        opts.keySet().removeIf(k -> !k.equals("enabled") && !k.startsWith("__"));
        if (persist) {
            save();
        }
    }

    /** Salt's schedule.save: the minion's own jobs to minion.d/_schedule.conf. */
    public synchronized void save() {
        if (saveFile == null) {
            return;
        }
        try {
            Files.createDirectories(saveFile.getParent());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("schedule", Data.deepCopy(opts));
            // Job arguments may carry secrets: 0600, as the minion's other own files.
            SecureFiles.writeAtomically(saveFile, Yaml.dump(doc), SecureFiles.PRIVATE);
        } catch (IOException e) {
            log.error("Failed to persist the updated schedule to {}: {}", saveFile, e.getMessage());
        }
    }

    /** Names saved in the file, for schedule.list's {@code saved}. */
    public synchronized boolean saved(String name) {
        if (saveFile == null || !Files.isRegularFile(saveFile)) {
            return false;
        }
        try {
            Map<String, Object> saved = Yaml.loadMap(Files.readString(saveFile), saveFile.toString());
            return saved.get("schedule") instanceof Map<?, ?> s && s.containsKey(name);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> pillarJobs() {
        Map<String, Object> p = pillar == null ? null : pillar.get();
        if (p != null && p.get("schedule") instanceof Map<?, ?> s) {
            return (Map<String, Object>) s;
        }
        return Map.of();
    }
}
