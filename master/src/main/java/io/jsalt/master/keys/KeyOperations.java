package io.jsalt.master.keys;

import io.jsalt.common.crypto.Fingerprints;
import io.jsalt.common.crypto.KeyFileException;
import io.jsalt.common.crypto.PemFiles;
import io.jsalt.common.py.Fnmatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code jsalt-key} does with the keys in the shared {@link KeyDirectory}: list, match,
 * accept, reject, delete and fingerprint them, as Salt's key module does. How keys get there
 * in the first place is {@link KeyAdmission}.
 */
public final class KeyOperations {
    private static final Logger LOG = LoggerFactory.getLogger(KeyOperations.class);

    private final KeyDirectory keys;

    public KeyOperations(KeyDirectory keys) {
        this.keys = keys;
    }

    /** The operations on the master config's {@code pki_dir}. */
    public static KeyOperations fromOpts(Map<String, Object> opts) throws IOException {
        return new KeyOperations(KeyDirectory.fromOpts(opts));
    }

    public KeyDirectory directory() {
        return keys;
    }

    public Path pkiDir() {
        return keys.pkiDir();
    }

    /** Every key by state, in Salt's order (accepted, pending, rejected, denied), ids sorted ignoring case. */
    public Map<KeyState, List<String>> list() throws IOException {
        Map<KeyState, List<String>> out = new EnumMap<>(KeyState.class);
        for (KeyState s : KeyState.values()) {
            out.put(s, keys.list(s));
        }
        return out;
    }

    /** The ids with a key in {@code state} ({@link KeyDirectory#list}). */
    public List<String> list(KeyState state) throws IOException {
        return keys.list(state);
    }

    /**
     * Salt's name_match: the ids matching a glob (or a comma-separated list of globs), by
     * state; states without a match are left out.
     */
    public Map<KeyState, List<String>> match(String glob) throws IOException {
        List<String> globs = globs(glob);
        Map<KeyState, List<String>> out = new EnumMap<>(KeyState.class);
        for (Map.Entry<KeyState, List<String>> e : list().entrySet()) {
            List<String> hits = e.getValue().stream()
                    .filter(id -> globs.stream().anyMatch(g -> Fnmatch.matches(id, g)))
                    .toList();
            if (!hits.isEmpty()) {
                out.put(e.getKey(), hits);
            }
        }
        return out;
    }

    /** {@code jsalt-key -a GLOB [--include-rejected] [--include-denied]}: pending (and those) to accepted. */
    public List<KeyChange> accept(String glob, boolean includeRejected, boolean includeDenied) throws IOException {
        return moveMatching(glob, pendingAnd(KeyState.REJECTED, includeRejected, includeDenied), KeyState.ACCEPTED);
    }

    /** {@code jsalt-key -A}: every pending key. */
    public List<KeyChange> acceptAll() throws IOException {
        return accept("*", false, false);
    }

    /** {@code jsalt-key -r GLOB [--include-accepted] [--include-denied]}: pending (and those) to rejected. */
    public List<KeyChange> reject(String glob, boolean includeAccepted, boolean includeDenied) throws IOException {
        return moveMatching(glob, pendingAnd(KeyState.ACCEPTED, includeAccepted, includeDenied), KeyState.REJECTED);
    }

    /** {@code jsalt-key -R}: every pending key. */
    public List<KeyChange> rejectAll() throws IOException {
        return reject("*", false, false);
    }

    /** {@code jsalt-key -d GLOB}: removes matching keys in every state. */
    public List<KeyChange> delete(String glob) throws IOException {
        List<KeyChange> changes = new ArrayList<>();
        for (Map.Entry<KeyState, List<String>> e : match(glob).entrySet()) {
            for (String id : e.getValue()) {
                boolean wasAccepted;
                synchronized (keys.lockFor(id)) {
                    if (!Files.deleteIfExists(keys.file(e.getKey(), id))) {
                        continue;
                    }
                    wasAccepted = e.getKey() == KeyState.ACCEPTED;
                }
                changes.add(new KeyChange(id, e.getKey(), null));
                LOG.info("Key for minion {} deleted from {}", id, e.getKey().dirName());
                if (wasAccepted) {
                    keys.fireRemoved(id);
                }
            }
        }
        return changes;
    }

    /** {@code jsalt-key -D}: every key in every state. */
    public List<KeyChange> deleteAll() throws IOException {
        return delete("*");
    }

    /** {@code jsalt-key -f GLOB}: fingerprints of matching keys, local ones included as in Salt. */
    public FingerprintReport fingerprints(String glob) throws IOException {
        List<String> globs = globs(glob);
        Map<String, String> local = new LinkedHashMap<>();
        localFingerprints().forEach((name, f) -> {
            if (globs.stream().anyMatch(g -> Fnmatch.matches(name, g))) {
                local.put(name, f);
            }
        });
        Map<KeyState, Map<String, String>> byState = new EnumMap<>(KeyState.class);
        for (Map.Entry<KeyState, List<String>> e : match(glob).entrySet()) {
            byState.put(e.getKey(), fingerprintsOf(e.getKey(), e.getValue()));
        }
        return new FingerprintReport(local.isEmpty() ? null : local, byState);
    }

    /** {@code jsalt-key -F}: fingerprints of every key, every state listed even when empty. */
    public FingerprintReport fingerprintsAll() throws IOException {
        Map<KeyState, Map<String, String>> byState = new EnumMap<>(KeyState.class);
        for (Map.Entry<KeyState, List<String>> e : list().entrySet()) {
            byState.put(e.getKey(), fingerprintsOf(e.getKey(), e.getValue()));
        }
        return new FingerprintReport(localFingerprints(), byState);
    }

    /** The master's own key files ({@code *.pub}, {@code *.pem} in the pki dir) and their fingerprints. */
    public Map<String, String> localFingerprints() throws IOException {
        Path pkiDir = keys.pkiDir();
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(pkiDir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pub") || n.endsWith(".pem"))
                    .filter(n -> Files.isRegularFile(pkiDir.resolve(n)))
                    .sorted(KeyDirectory.IGNORE_CASE).toList();
            for (String n : names) {
                out.put(n, finger(pkiDir.resolve(n)));
            }
        }
        return out;
    }

    /** The states an accept or reject takes keys from: pending, then {@code other} and denied if included. */
    private static Set<KeyState> pendingAnd(KeyState other, boolean includeOther, boolean includeDenied) {
        Set<KeyState> from = new LinkedHashSet<>(List.of(KeyState.PENDING));
        if (includeOther) {
            from.add(other);
        }
        if (includeDenied) {
            from.add(KeyState.DENIED);
        }
        return from;
    }

    /** Salt's name_match takes a comma-separated list of globs. */
    private static List<String> globs(String glob) {
        return glob.contains(",") ? List.of(glob.split(",")) : List.of(glob);
    }

    private Map<String, String> fingerprintsOf(KeyState state, List<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, finger(keys.file(state, id)));
        }
        return out;
    }

    /** pem_finger of a file; Salt prints an empty fingerprint for a file it cannot read. */
    private static String finger(Path file) {
        try {
            return Fingerprints.of(PemFiles.readText(file));
        } catch (KeyFileException | IllegalArgumentException e) {
            LOG.warn("Cannot fingerprint {}: {}", file, e.getMessage());
            return "";
        }
    }

    private List<KeyChange> moveMatching(String glob, Set<KeyState> from, KeyState to) throws IOException {
        Map<KeyState, List<String>> matches = match(glob);
        List<KeyChange> changes = new ArrayList<>();
        for (KeyState state : from) {
            for (String id : matches.getOrDefault(state, List.of())) {
                boolean replacedAccepted;
                synchronized (keys.lockFor(id)) {
                    Path src = keys.file(state, id);
                    if (!Files.exists(src)) {
                        continue; // changed under us since the listing
                    }
                    if (to == KeyState.ACCEPTED && !KeyDirectory.validKey(src)) {
                        LOG.error("Unable to accept invalid key for {}: {}", id, src);
                        continue;
                    }
                    replacedAccepted = to == KeyState.ACCEPTED && Files.exists(keys.file(KeyState.ACCEPTED, id));
                    keys.move(id, state, to);
                }
                changes.add(new KeyChange(id, state, to));
                LOG.info("Key for minion {} moved from {} to {}", id, state.dirName(), to.dirName());
                if (state == KeyState.ACCEPTED || replacedAccepted) {
                    keys.fireRemoved(id);
                }
                if (to == KeyState.ACCEPTED) {
                    keys.fireAccepted(id);
                }
            }
        }
        return changes;
    }
}
