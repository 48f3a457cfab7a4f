package io.jsalt.master.mine;

import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.data.Values;
import io.jsalt.common.mine.MineQuery;
import io.jsalt.common.proto.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mine on the master: the latest value of each mine function per minion, in memory and
 * persisted as {@code cachedir/mine/ID.pb} so it survives a master restart. A minion's data
 * goes when its key does. Reads apply Salt's minion-side ACL ({@code allow_tgt}).
 */
public final class MineStore {
    private static final Logger log = LoggerFactory.getLogger(MineStore.class);
    /** Salt's markers for an entry wrapped with a minion-side ACL (salt/utils/mine.py). */
    static final String ACL_ID = "__saltmine_acl__";
    static final String ACL_DATA = "__data__";

    private final Path dir;
    private final Executor io;
    private final Map<String, Map<String, Object>> data = new ConcurrentHashMap<>();
    private final Map<String, Object> writeLocks = new ConcurrentHashMap<>();

    public MineStore(Path cacheDir, Executor io) {
        this.dir = cacheDir.resolve("mine");
        this.io = io;
    }

    /** Loads the persisted mine of the given (accepted) minions; others' files are removed. */
    public void load(Collection<String> acceptedIds) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".pb")) {
                    continue;
                }
                String id = name.substring(0, name.length() - 3);
                if (!acceptedIds.contains(id)) {
                    Files.deleteIfExists(f);
                    continue;
                }
                try {
                    data.put(id, Values.mapFromProto(Value.parseFrom(Files.readAllBytes(f))));
                } catch (IOException e) {
                    log.warn("Ignoring unreadable mine cache {}: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            log.warn("Cannot read the mine cache in {}: {}", dir, e.getMessage());
        }
    }

    /** Salt's _mine: merges (or with clear, replaces) the minion's functions' values. */
    public void store(String id, Map<String, Object> values, boolean clear) {
        data.compute(id, (k, old) -> {
            Map<String, Object> m = clear || old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
            m.putAll(values);
            return m;
        });
        persist(id);
    }

    /** Salt's _mine_delete: drops one function's value; true even when it was not there. */
    public void delete(String id, String fun) {
        data.computeIfPresent(id, (k, old) -> {
            Map<String, Object> m = new LinkedHashMap<>(old);
            m.remove(fun);
            return m;
        });
        persist(id);
    }

    /** Salt's _mine_flush: drops all of the minion's mine data. */
    public void flush(String id) {
        data.remove(id);
        persist(id);
    }

    /** The key is gone: forget the minion's mine. */
    public void forget(String id) {
        flush(id);
    }

    /** A copy of one minion's raw mine (ACL wrappers included). */
    public Map<String, Object> of(String id) {
        Map<String, Object> m = data.get(id);
        return m == null ? new LinkedHashMap<>() : new LinkedHashMap<>(m);
    }

    /**
     * Salt's _mine_get over already-targeted minions. {@code funs} is one function name or
     * several (a list, or a comma-separated string); with several the answer is
     * {@code {fun: {minion: value}}}, with one {@code {minion: value}}. When
     * {@code requester} is a minion id, entries whose {@code allow_tgt} does not select
     * it are left out; {@code targets} resolves an allow_tgt (target, type) to minion ids.
     */
    public Map<String, Object> get(List<String> minions, Object funs, String requester,
                                   BiFunction<String, String, List<String>> targets) {
        MineQuery asked = MineQuery.of(funs);
        List<String> functions = asked.names();
        boolean byFunction = asked.byFunction();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String minion : minions) {
            Map<String, Object> mine = data.get(minion);
            if (mine == null) {
                continue;
            }
            for (String fun : functions) {
                if (!mine.containsKey(fun)) {
                    continue;
                }
                Object entry = mine.get(fun);
                Object value = entry;
                if (entry instanceof Map<?, ?> m && m.containsKey(ACL_ID)) {
                    value = m.get(ACL_DATA);
                    Object allow = m.get("allow_tgt");
                    if (requester != null && allow != null) {
                        Object type = m.get("allow_tgt_type");
                        List<String> allowed = targets.apply(String.valueOf(allow),
                                type == null ? "glob" : String.valueOf(type));
                        if (!allowed.contains(requester)) {
                            log.debug("Mine request from {} for {} on {} denied", requester, fun, minion);
                            continue;
                        }
                    }
                }
                if (byFunction) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> perFun = (Map<String, Object>) out.computeIfAbsent(fun,
                            k -> new LinkedHashMap<String, Object>());
                    perFun.put(minion, value);
                } else {
                    out.put(minion, value);
                }
            }
        }
        return out;
    }

    private void persist(String id) {
        io.execute(() -> {
            // Every write stores the latest state, so writes finishing out of order are harmless.
            synchronized (writeLocks.computeIfAbsent(id, k -> new Object())) {
                Path file = dir.resolve(id + ".pb");
                try {
                    Map<String, Object> current = data.get(id);
                    if (current == null) {
                        Files.deleteIfExists(file);
                        return;
                    }
                    SecureFiles.ensureDirectory(dir, SecureFiles.PRIVATE_DIR);
                    SecureFiles.writeAtomically(file, Values.toProto(current).toByteArray(),
                            SecureFiles.PRIVATE);
                } catch (IOException e) {
                    log.warn("Cannot write the mine of {}: {}", id, e.getMessage());
                }
            }
        });
    }
}
