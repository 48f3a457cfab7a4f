package io.jsalt.master.keys;

import io.jsalt.common.MinionIds;
import io.jsalt.common.crypto.Fingerprints;
import io.jsalt.common.crypto.KeyFileException;
import io.jsalt.common.crypto.Pem;
import io.jsalt.common.crypto.PemFiles;
import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.files.AtomicFiles;
import io.jsalt.common.py.Fnmatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's minion keys, kept as Salt keeps them: one PEM public key per file, named by
 * minion id, in {@code minions/} (accepted), {@code minions_pre/} (pending),
 * {@code minions_rejected/} and {@code minions_denied/} under the pki dir. {@link #admit}
 * is Salt's authentication decision; the other operations are {@code jsalt-key}'s.
 *
 * <p>Files are replaced atomically; operations on one id are serialized, so concurrent
 * connections claiming the same id cannot leave it in two states by accident.
 */
public final class KeyStore {
    private static final Logger LOG = LoggerFactory.getLogger(KeyStore.class);
    private static final int STRIPES = 64;
    /** Salt's sorted_ignorecase. */
    private static final Comparator<String> IGNORE_CASE =
            Comparator.comparing((String s) -> s.toLowerCase(java.util.Locale.ROOT)).thenComparing(s -> s);

    private final Path pkiDir;
    private final AutoSign autoSign;
    private final Object[] locks = new Object[STRIPES];
    private final List<Consumer<String>> removedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> acceptedListeners = new CopyOnWriteArrayList<>();

    public KeyStore(Path pkiDir, AutoSign autoSign) throws IOException {
        this.pkiDir = pkiDir;
        this.autoSign = autoSign;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
        SecureFiles.ensureDirectory(pkiDir, SecureFiles.PRIVATE_DIR);
        for (KeyState s : KeyState.values()) {
            SecureFiles.ensureDirectory(dir(s), SecureFiles.PRIVATE_DIR);
        }
    }

    /** From the master config: {@code pki_dir} plus the {@link AutoSign.Config#fromOpts} keys. */
    public static KeyStore fromOpts(Map<String, Object> opts) throws IOException {
        Object pki = opts.get("pki_dir");
        if (pki == null) {
            throw new IllegalArgumentException("the master config has no pki_dir");
        }
        return new KeyStore(Path.of(pki.toString()), new AutoSign(AutoSign.Config.fromOpts(opts)));
    }

    public Path pkiDir() {
        return pkiDir;
    }

    /** Called with the minion id whenever an accepted key stops being accepted (rejected, deleted, replaced). */
    public void onRemoved(Consumer<String> listener) {
        removedListeners.add(listener);
    }

    /** Called with the minion id whenever a key becomes accepted. */
    public void onAccepted(Consumer<String> listener) {
        acceptedListeners.add(listener);
    }

    // ---- authentication -------------------------------------------------------------

    /**
     * Decides what a connecting minion that proved possession of {@code publicKeyPem} may do,
     * as Salt's master does on an auth request: rejected ids stay rejected; an accepted id
     * must present its accepted key, another key is recorded in minions_denied; a pending id
     * stays pending (or is accepted if autosign now matches) and another key for it is
     * denied; a new id is accepted by auto_accept/autosign, rejected by autoreject_file, or
     * else left pending. An invalid id or key is REJECTED and nothing is written (the
     * transport refuses invalid ids before this; the check here keeps every caller safe).
     *
     * @param grains the minion's autosign grains (may be null)
     */
    public Decision admit(String minionId, String publicKeyPem, Map<String, Object> grains) throws IOException {
        String problem = MinionIds.problem(minionId);
        if (problem != null) {
            LOG.warn("Authentication request refused: {}", problem);
            return Decision.REJECTED;
        }
        PublicKey presented;
        try {
            presented = Pem.parsePublicKey(publicKeyPem);
        } catch (IllegalArgumentException e) {
            LOG.warn("Authentication request from {} refused: {}", minionId, e.getMessage());
            return Decision.REJECTED;
        }
        List<Runnable> events = new ArrayList<>();
        Decision d;
        synchronized (lockFor(minionId)) {
            d = decide(minionId, presented, grains, events);
        }
        events.forEach(Runnable::run);
        return d;
    }

    private Decision decide(String id, PublicKey presented, Map<String, Object> grains, List<Runnable> events)
            throws IOException {
        String pem = Pem.publicKey(presented);
        if (Files.exists(file(KeyState.REJECTED, id))) {
            LOG.info("Public key rejected for {}. Key is present in rejection key dir.", id);
            return Decision.REJECTED;
        }
        if (Files.exists(file(KeyState.ACCEPTED, id))) {
            if (holds(KeyState.ACCEPTED, id, presented)) {
                return Decision.ACCEPTED;
            }
            LOG.error("Authentication attempt from {} failed, the public keys did not match. "
                    + "This may be an attempt to compromise the jsalt cluster.", id);
            write(KeyState.DENIED, id, pem);
            return Decision.DENIED;
        }
        boolean autoReject = autoSign.autoreject(id);
        if (Files.exists(file(KeyState.PENDING, id))) {
            if (autoReject) {
                LOG.info("Pending public key for {} rejected via autoreject_file", id);
                move(id, KeyState.PENDING, KeyState.REJECTED);
                return Decision.REJECTED;
            }
            if (!holds(KeyState.PENDING, id, presented)) {
                LOG.error("Authentication attempt from {} failed, the public key in pending did not match. "
                        + "This may be an attempt to compromise the jsalt cluster.", id);
                write(KeyState.DENIED, id, pem);
                return Decision.DENIED;
            }
            if (autoSign.autosign(id, grains)) {
                move(id, KeyState.PENDING, KeyState.ACCEPTED);
                events.add(() -> fire(acceptedListeners, id));
                LOG.info("Pending key for {} accepted by autosign", id);
                return Decision.ACCEPTED;
            }
            LOG.info("Authentication failed from host {}, the key is in pending and needs to be accepted "
                    + "with jsalt-key -a {}", id, id);
            return Decision.PENDING;
        }
        if (autoReject) {
            LOG.info("New public key for {} rejected via autoreject_file", id);
            write(KeyState.REJECTED, id, pem);
            return Decision.REJECTED;
        }
        if (autoSign.autosign(id, grains)) {
            write(KeyState.ACCEPTED, id, pem);
            events.add(() -> fire(acceptedListeners, id));
            LOG.info("New public key for {} accepted by autosign", id);
            return Decision.ACCEPTED;
        }
        LOG.info("New public key for {} placed in pending", id);
        write(KeyState.PENDING, id, pem);
        return Decision.PENDING;
    }

    /** The accepted key of a minion, if it has one. */
    public Optional<PublicKey> acceptedKey(String minionId) {
        if (!MinionIds.valid(minionId)) {
            return Optional.empty();
        }
        Path f = file(KeyState.ACCEPTED, minionId);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(PemFiles.readPublicKey(f));
        } catch (KeyFileException e) {
            LOG.error("Corrupt or missing public key: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** True when {@code key} is the accepted key of {@code minionId}. */
    public boolean isAccepted(String minionId, PublicKey key) {
        return acceptedKey(minionId).map(k -> Pem.sameKey(k, key)).orElse(false);
    }

    // ---- jsalt-key ------------------------------------------------------------------

    /** Every key by state, in Salt's order (accepted, pending, rejected, denied), ids sorted ignoring case. */
    public Map<KeyState, List<String>> list() throws IOException {
        Map<KeyState, List<String>> out = new EnumMap<>(KeyState.class);
        for (KeyState s : KeyState.values()) {
            out.put(s, list(s));
        }
        return out;
    }

    /**
     * The ids with a key in {@code state}. A file whose name is not a valid id (put there by
     * hand, or by an older jsalt) is left out with a warning, so no listing, glob or reply
     * ever carries such a name; hidden files are temporary files and skipped silently.
     */
    public List<String> list(KeyState state) throws IOException {
        try (Stream<Path> files = Files.list(dir(state))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("."))
                    .filter(n -> Files.isRegularFile(dir(state).resolve(n)))
                    .filter(n -> usableFileName(state, n))
                    .sorted(IGNORE_CASE)
                    .toList();
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    /**
     * Salt's name_match: the ids matching a glob (or a comma-separated list of globs), by
     * state; states without a match are left out.
     */
    public Map<KeyState, List<String>> match(String glob) throws IOException {
        List<String> globs = glob.contains(",") ? List.of(glob.split(",")) : List.of(glob);
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
                synchronized (lockFor(id)) {
                    if (!Files.deleteIfExists(file(e.getKey(), id))) {
                        continue;
                    }
                    wasAccepted = e.getKey() == KeyState.ACCEPTED;
                }
                changes.add(new KeyChange(id, e.getKey(), null));
                LOG.info("Key for minion {} deleted from {}", id, e.getKey().dirName());
                if (wasAccepted) {
                    fire(removedListeners, id);
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
        List<String> globs = glob.contains(",") ? List.of(glob.split(",")) : List.of(glob);
        Map<String, String> local = new LinkedHashMap<>();
        localFingerprints().forEach((name, f) -> {
            if (globs.stream().anyMatch(g -> Fnmatch.matches(name, g))) {
                local.put(name, f);
            }
        });
        Map<KeyState, Map<String, String>> keys = new EnumMap<>(KeyState.class);
        for (Map.Entry<KeyState, List<String>> e : match(glob).entrySet()) {
            keys.put(e.getKey(), fingerprintsOf(e.getKey(), e.getValue()));
        }
        return new FingerprintReport(local.isEmpty() ? null : local, keys);
    }

    /** {@code jsalt-key -F}: fingerprints of every key, every state listed even when empty. */
    public FingerprintReport fingerprintsAll() throws IOException {
        Map<KeyState, Map<String, String>> keys = new EnumMap<>(KeyState.class);
        for (Map.Entry<KeyState, List<String>> e : list().entrySet()) {
            keys.put(e.getKey(), fingerprintsOf(e.getKey(), e.getValue()));
        }
        return new FingerprintReport(localFingerprints(), keys);
    }

    /** The master's own key files ({@code *.pub}, {@code *.pem} in the pki dir) and their fingerprints. */
    public Map<String, String> localFingerprints() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(pkiDir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pub") || n.endsWith(".pem"))
                    .filter(n -> Files.isRegularFile(pkiDir.resolve(n)))
                    .sorted(IGNORE_CASE).toList();
            for (String n : names) {
                out.put(n, finger(pkiDir.resolve(n)));
            }
        }
        return out;
    }

    // ---- internals ------------------------------------------------------------------

    private static boolean usableFileName(KeyState state, String name) {
        String problem = MinionIds.problem(name);
        if (problem != null) {
            LOG.warn("Ignoring a key file in {}: {}", state.dirName(), problem);
            return false;
        }
        return true;
    }

    private Map<String, String> fingerprintsOf(KeyState state, List<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, finger(file(state, id)));
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

    /**
     * The states accept and reject take keys from: pending, plus the other side's state and
     * denied when asked (jsalt-key's --include-rejected/--include-accepted and --include-denied).
     */
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

    private List<KeyChange> moveMatching(String glob, Set<KeyState> from, KeyState to) throws IOException {
        Map<KeyState, List<String>> matches = match(glob);
        List<KeyChange> changes = new ArrayList<>();
        for (KeyState state : from) {
            for (String id : matches.getOrDefault(state, List.of())) {
                boolean replacedAccepted;
                synchronized (lockFor(id)) {
                    Path src = file(state, id);
                    if (!Files.exists(src)) {
                        continue; // changed under us since the listing
                    }
                    if (to == KeyState.ACCEPTED && !validKey(src)) {
                        LOG.error("Unable to accept invalid key for {}: {}", id, src);
                        continue;
                    }
                    replacedAccepted = to == KeyState.ACCEPTED && Files.exists(file(KeyState.ACCEPTED, id));
                    move(id, state, to);
                }
                changes.add(new KeyChange(id, state, to));
                LOG.info("Key for minion {} moved from {} to {}", id, state.dirName(), to.dirName());
                if (state == KeyState.ACCEPTED || replacedAccepted) {
                    fire(removedListeners, id);
                }
                if (to == KeyState.ACCEPTED) {
                    fire(acceptedListeners, id);
                }
            }
        }
        return changes;
    }

    private static boolean validKey(Path file) {
        try {
            PemFiles.readPublicKey(file);
            return true;
        } catch (KeyFileException e) {
            return false;
        }
    }

    /** Whether the stored key of {@code id} in {@code state} is {@code key}; unreadable counts as not. */
    private boolean holds(KeyState state, String id, PublicKey key) {
        try {
            return Pem.sameKey(PemFiles.readPublicKey(file(state, id)), key);
        } catch (KeyFileException e) {
            LOG.error("Corrupt or missing public key: {}", e.getMessage());
            return false;
        }
    }

    private void write(KeyState state, String id, String pem) throws IOException {
        SecureFiles.writeAtomically(file(state, id), pem, SecureFiles.PUBLIC);
    }

    private void move(String id, KeyState from, KeyState to) throws IOException {
        AtomicFiles.move(file(from, id), file(to, id));
    }

    private Path dir(KeyState state) {
        return pkiDir.resolve(state.dirName());
    }

    private Path file(KeyState state, String id) {
        return dir(state).resolve(id);
    }

    private Object lockFor(String id) {
        return locks[Math.floorMod(id.hashCode(), STRIPES)];
    }

    private static void fire(List<Consumer<String>> listeners, String id) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(id);
            } catch (RuntimeException e) {
                LOG.error("Key listener failed for {}", id, e);
            }
        }
    }
}
