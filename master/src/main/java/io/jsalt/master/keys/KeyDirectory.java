package io.jsalt.master.keys;

import io.jsalt.common.MinionIds;
import io.jsalt.common.crypto.KeyFileException;
import io.jsalt.common.crypto.Pem;
import io.jsalt.common.crypto.PemFiles;
import io.jsalt.common.crypto.SecureFiles;
import io.jsalt.common.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's minion keys on disk, kept as Salt keeps them: one PEM public key per file,
 * named by minion id, in {@code minions/} (accepted), {@code minions_pre/} (pending),
 * {@code minions_rejected/} and {@code minions_denied/} under the pki dir. Two parties change
 * it: {@link KeyAdmission} (Salt's authentication decision for a connecting minion) and
 * {@link KeyOperations} (what {@code jsalt-key} does). Both work through this one type, so
 * they share its per-id locks and its listeners.
 *
 * <p>Files are replaced atomically; operations on one id are serialized, so concurrent
 * connections and jsalt-key runs claiming the same id cannot leave it in two states by
 * accident.
 */
public final class KeyDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(KeyDirectory.class);
    private static final int STRIPES = 64;
    /** Salt's sorted_ignorecase. */
    static final Comparator<String> IGNORE_CASE =
            Comparator.comparing((String s) -> s.toLowerCase(java.util.Locale.ROOT)).thenComparing(s -> s);

    private final Path pkiDir;
    private final Object[] locks = new Object[STRIPES];
    private final List<Consumer<String>> removedListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> acceptedListeners = new CopyOnWriteArrayList<>();

    /** Opens the key directories under {@code pkiDir}, creating them (0700) where missing. */
    public KeyDirectory(Path pkiDir) throws IOException {
        this.pkiDir = pkiDir;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
        SecureFiles.ensureDirectory(pkiDir, SecureFiles.PRIVATE_DIR);
        for (KeyState s : KeyState.values()) {
            SecureFiles.ensureDirectory(dir(s), SecureFiles.PRIVATE_DIR);
        }
    }

    /** The directory of the master config's {@code pki_dir}. */
    public static KeyDirectory fromOpts(Map<String, Object> opts) throws IOException {
        Object pki = opts.get("pki_dir");
        if (pki == null) {
            throw new IllegalArgumentException("the master config has no pki_dir");
        }
        return new KeyDirectory(Path.of(pki.toString()));
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

    /**
     * The ids with a key in {@code state}, sorted as Salt sorts them. A file whose name is not
     * a valid id (put there by hand, or by an older jsalt) is left out with a warning, so no
     * listing, glob or reply ever carries such a name; hidden files are temporary files and
     * skipped silently.
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

    // ---- for the admission and the operations (callers hold lockFor(id)) -------------

    private static boolean usableFileName(KeyState state, String name) {
        String problem = MinionIds.problem(name);
        if (problem != null) {
            LOG.warn("Ignoring a key file in {}: {}", state.dirName(), problem);
            return false;
        }
        return true;
    }

    static boolean validKey(Path file) {
        try {
            PemFiles.readPublicKey(file);
            return true;
        } catch (KeyFileException e) {
            return false;
        }
    }

    /** Whether the stored key of {@code id} in {@code state} is {@code key}; unreadable counts as not. */
    boolean holds(KeyState state, String id, PublicKey key) {
        try {
            return Pem.sameKey(PemFiles.readPublicKey(file(state, id)), key);
        } catch (KeyFileException e) {
            LOG.error("Corrupt or missing public key: {}", e.getMessage());
            return false;
        }
    }

    void write(KeyState state, String id, String pem) throws IOException {
        SecureFiles.writeAtomically(file(state, id), pem, SecureFiles.PUBLIC);
    }

    void move(String id, KeyState from, KeyState to) throws IOException {
        AtomicFiles.move(file(from, id), file(to, id));
    }

    Path dir(KeyState state) {
        return pkiDir.resolve(state.dirName());
    }

    Path file(KeyState state, String id) {
        return dir(state).resolve(id);
    }

    /** Whether a key for {@code id} is in {@code state} now (a valid id: the caller checked it). */
    public boolean has(KeyState state, String id) {
        return java.nio.file.Files.exists(file(state, id));
    }

    /** The lock that serializes every change to one id's keys. */
    Object lockFor(String id) {
        return locks[Math.floorMod(id.hashCode(), STRIPES)];
    }

    /** Tells the listeners; call it outside {@link #lockFor}, as listeners may take their own locks. */
    void fireAccepted(String id) {
        fire(acceptedListeners, id);
    }

    /** Tells the listeners; call it outside {@link #lockFor}, as listeners may take their own locks. */
    void fireRemoved(String id) {
        fire(removedListeners, id);
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
