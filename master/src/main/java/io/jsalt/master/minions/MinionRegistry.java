package io.jsalt.master.minions;

import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.data.Values;
import io.jsalt.common.match.MinionData;
import io.jsalt.common.proto.Value;
import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the master knows about each minion: its live connection (if any) and its cached
 * grains and pillar, the data targeting runs on. Grains are persisted under
 * {@code cachedir/minions/ID/grains.pb} so targeting works right after a master restart.
 */
public final class MinionRegistry {
    private static final Logger log = LoggerFactory.getLogger(MinionRegistry.class);

    /** One minion's cached data; replaced whole on change, so readers need no lock. */
    public record Entry(String id, Map<String, Object> grains, Map<String, Object> pillar, Channel channel,
                        long connectedAtMillis) {
        public boolean connected() {
            return channel != null && channel.isActive();
        }

        public MinionData data() {
            return new MinionData(id, grains, pillar);
        }
    }

    private final Path cacheDir;
    private final ExecutorService io;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public MinionRegistry(Path cacheDir, ExecutorService io) {
        this.cacheDir = cacheDir.resolve("minions");
        this.io = io;
    }

    /** Loads the persisted grains of the given (accepted) minions. */
    public void loadCache(Collection<String> acceptedIds) {
        for (String id : acceptedIds) {
            Path f = cacheDir.resolve(id).resolve("grains.pb");
            Map<String, Object> grains = new LinkedHashMap<>();
            if (Files.isRegularFile(f)) {
                try {
                    grains = Values.mapFromProto(Value.parseFrom(Files.readAllBytes(f)));
                } catch (IOException e) {
                    log.warn("Ignoring unreadable grains cache {}: {}", f, e.getMessage());
                }
            }
            entries.put(id, new Entry(id, grains, new LinkedHashMap<>(), null, 0));
        }
    }

    /** Records a newly authenticated connection; returns the previous live channel, if any. */
    public Channel connected(String id, Channel ch, Map<String, Object> grains) {
        Entry old = entries.get(id);
        entries.put(id, new Entry(id, grains, old == null ? new LinkedHashMap<>() : old.pillar(), ch,
                System.currentTimeMillis()));
        persistGrains(id, grains, old == null ? null : old.grains());
        return old == null ? null : old.channel();
    }

    /** Forgets the channel when it closes (only if it is still the current one). */
    public void disconnected(String id, Channel ch) {
        entries.computeIfPresent(id, (k, e) -> e.channel() == ch
                ? new Entry(id, e.grains(), e.pillar(), null, 0) : e);
    }

    public void updateGrains(String id, Map<String, Object> grains) {
        Entry old = entries.get(id);
        if (old == null) {
            return;
        }
        entries.put(id, new Entry(id, grains, old.pillar(), old.channel(), old.connectedAtMillis()));
        persistGrains(id, grains, old.grains());
    }

    public void updatePillar(String id, Map<String, Object> pillar) {
        entries.computeIfPresent(id, (k, e) -> new Entry(id, e.grains(), pillar, e.channel(), e.connectedAtMillis()));
    }

    /** Accepted key: make the minion known (no data yet). */
    public void accepted(String id) {
        entries.putIfAbsent(id, new Entry(id, new LinkedHashMap<>(), new LinkedHashMap<>(), null, 0));
    }

    /** Key removed: forget the minion and close its connection. */
    public void removed(String id) {
        Entry e = entries.remove(id);
        if (e != null && e.channel() != null) {
            e.channel().close();
        }
        io.execute(() -> deleteTree(cacheDir.resolve(id)));
    }

    public Entry get(String id) {
        return entries.get(id);
    }

    public List<Entry> all() {
        return new ArrayList<>(entries.values());
    }

    public List<String> connectedIds() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (e.connected()) {
                out.add(e.id());
            }
        }
        out.sort(null);
        return out;
    }

    private void persistGrains(String id, Map<String, Object> grains, Map<String, Object> previous) {
        if (grains.equals(previous)) {
            return;
        }
        byte[] bytes = Values.toProto(grains).toByteArray();
        io.execute(() -> {
            Path dir = cacheDir.resolve(id);
            try {
                SecureFiles.ensureDirectory(dir, SecureFiles.PRIVATE_DIR);
                SecureFiles.writeAtomically(dir.resolve("grains.pb"), bytes,
                        SecureFiles.PRIVATE);
            } catch (IOException e) {
                log.warn("Cannot cache grains of {}: {}", id, e.getMessage());
            }
        });
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Cannot remove {}: {}", dir, e.getMessage());
        }
    }
}
