package io.jsalt.minion.grains;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Yaml;
import io.jsalt.common.files.AtomicFiles;
import io.jsalt.common.plugin.CommandExecutionError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A minion's grains: core grains, overlaid by the static grains file (CONFIG_DIR/grains),
 * overlaid by the minion config's {@code grains:} map. That is Salt's precedence: the
 * config file wins over the grains file ("grains.setval does NOT override any grains set
 * in the minion config file"), both win over core grains. Overlays replace whole top-level
 * keys, as Salt's dict.update does.
 *
 * <p>Writes (setval and friends) go to the grains file atomically and keep its other keys.
 * Listeners hear the new full grains whenever the merged result changes, so the minion can
 * resend them to the master; they run on the thread that made the change. Thread-safe;
 * readers see immutable snapshots.
 */
public final class GrainsStore {
    private final Path file;
    private final Map<String, Object> configGrains;
    private final Supplier<Map<String, Object>> core;
    private final List<Consumer<Map<String, Object>>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Object> view = new LiveView();
    private Map<String, Object> coreGrains;
    private volatile Map<String, Object> snapshot = Map.of();

    /**
     * @param file         the static grains file (Salt: the grains file beside the minion config)
     * @param configGrains the minion config's {@code grains:} map, may be null
     * @param core         produces core grains; called now and on every {@link #refresh()}
     */
    public GrainsStore(Path file, Map<String, Object> configGrains, Supplier<Map<String, Object>> core) {
        this.file = file;
        this.configGrains = configGrains == null ? Map.of() : Map.copyOf(configGrains);
        this.core = core;
        this.coreGrains = core.get();
        this.snapshot = merge();
    }

    /** A store with real core grains for this host and the config's {@code grains}; the grains file is CONFIG_DIR/grains. */
    public static GrainsStore open(String minionId, Path configDir, Map<String, Object> configGrains) {
        return new GrainsStore(configDir.resolve("grains"), configGrains, () -> CoreGrains.collect(minionId));
    }

    public Path file() {
        return file;
    }

    /**
     * A read-only map that always shows the current grains; hand it to contexts and
     * templates once. Each call on it reads the latest snapshot.
     */
    public Map<String, Object> view() {
        return view;
    }

    /** The current grains: an immutable snapshot. */
    public Map<String, Object> grains() {
        return snapshot;
    }

    public void addListener(Consumer<Map<String, Object>> onChange) {
        listeners.add(onChange);
    }

    /** Re-collects core grains and re-reads the grains file (saltutil.refresh_grains). */
    public void refresh() {
        Map<String, Object> fresh = core.get();
        synchronized (this) {
            coreGrains = fresh;
            publish();
        }
    }

    /**
     * Salt's grains.setvals: sets each key in the grains file (a null value with
     * destructive removes the key) and returns the values given.
     */
    public synchronized Map<String, Object> setvals(Map<String, Object> values, boolean destructive) {
        Map<String, Object> stored = readFile();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (e.getValue() == null && destructive) {
                stored.remove(e.getKey());
            } else {
                stored.put(e.getKey(), Data.deepCopy(Data.normalize(e.getValue())));
            }
        }
        writeFile(stored);
        publish();
        return values;
    }

    public Map<String, Object> setval(String key, Object value, boolean destructive) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put(key, value);
        return setvals(one, destructive);
    }

    /** Removes the key from the grains file entirely (grains.delkey). */
    public Map<String, Object> delkey(String key) {
        return setval(key, null, true);
    }

    /** Sets the key to None in the grains file (grains.delval). */
    public Map<String, Object> delval(String key) {
        return setval(key, null, false);
    }

    /**
     * Salt's grains.append on a top-level key: adds a value (or each value of a list) to
     * the list grain. Returns Salt's message string when the grain is not a list or
     * already holds the value, otherwise {key: newList}.
     */
    public synchronized Object append(String key, Object value, boolean convert) {
        Object list = appended(key, snapshot.getOrDefault(key, new ArrayList<>()), value, convert);
        return list instanceof List ? setval(key, list, false) : list;
    }

    /**
     * The list Salt's grains.append would store, given the grain's current value: a copy with
     * the value (or each value of a list value) added. Salt's message string instead when the
     * grain is not a list (and convert is off) or already holds the value. The grains module's
     * nested-key append and this store's top-level one share it.
     */
    public static Object appended(String key, Object currentValue, Object value, boolean convert) {
        Object current = Data.deepCopy(currentValue);
        if (convert && !(current instanceof List)) {
            current = current == null ? new ArrayList<>() : new ArrayList<>(List.of(current));
        }
        if (!(current instanceof List)) {
            return "The key " + key + " is not a valid list";
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) current;
        if (list.contains(value)) {
            return "The val " + value + " was already in the list " + key;
        }
        if (value instanceof List<?> l) {
            list.addAll(l);
        } else {
            list.add(value);
        }
        return list;
    }

    /** The grains file's content; an unreadable or non-mapping file counts as empty. */
    public synchronized Map<String, Object> fileGrains() {
        return readFile();
    }

    private Map<String, Object> readFile() {
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandExecutionError("Unable to read existing grains file: " + file + ": " + e.getMessage());
        }
        Object o;
        try {
            o = Yaml.load(text, file.toString());
        } catch (Yaml.DataException e) {
            throw new CommandExecutionError("Unable to read existing grains file: " + e.getMessage(), e);
        }
        if (!(o instanceof Map)) {
            return new LinkedHashMap<>();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) o;
        return m;
    }

    /** Write a temp file beside the target and rename it: readers never see half a file. */
    private void writeFile(Map<String, Object> grains) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".grains.", ".tmp");
            AtomicFiles.replace(tmp, file,
                    t -> Files.writeString(t, grains.isEmpty() ? "{}\n" : Yaml.dump(grains), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CommandExecutionError("Unable to write to grains file at " + file + ": " + e.getMessage(), e);
        }
    }

    private Map<String, Object> merge() {
        Map<String, Object> m = new LinkedHashMap<>(coreGrains);
        Map<String, Object> fromFile;
        try {
            fromFile = readFile();
        } catch (CommandExecutionError e) {
            // Salt logs "Bad syntax in grains file! Skipping." and carries on.
            fromFile = Map.of();
        }
        m.putAll(fromFile);
        m.putAll(configGrains);
        return frozen(Data.normalize(m));
    }

    private void publish() {
        Map<String, Object> next = merge();
        Map<String, Object> prev = snapshot;
        snapshot = next;
        if (!next.equals(prev)) {
            for (Consumer<Map<String, Object>> l : listeners) {
                l.accept(next);
            }
        }
    }

    /** Deeply unmodifiable: modules get grains they can read but never corrupt. */
    @SuppressWarnings("unchecked")
    private static <T> T frozen(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), frozen(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (o instanceof List<?> l) {
            return (T) Collections.unmodifiableList(Data.mapItems(l, GrainsStore::frozen));
        }
        return (T) o;
    }

    /** Reads through to the current snapshot on every call. */
    private final class LiveView extends AbstractMap<String, Object> {
        @Override
        public Set<Entry<String, Object>> entrySet() {
            return snapshot.entrySet();
        }

        @Override
        public Object get(Object key) {
            return snapshot.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return snapshot.containsKey(key);
        }

        @Override
        public int size() {
            return snapshot.size();
        }
    }
}
