package io.jsalt.master.keys;

import io.jsalt.common.MinionIds;
import io.jsalt.common.crypto.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Salt's authentication decision for a connecting minion: what a minion that proved
 * possession of a key may do (accepted, pending, rejected, denied), with auto_accept,
 * autosign and autoreject applied. It records new keys in the shared {@link KeyDirectory};
 * what an operator does with them afterwards is {@link KeyOperations}.
 */
public final class KeyAdmission {
    private static final Logger LOG = LoggerFactory.getLogger(KeyAdmission.class);

    private final KeyDirectory keys;
    private final AutoSign autoSign;

    public KeyAdmission(KeyDirectory keys, AutoSign autoSign) {
        this.keys = keys;
        this.autoSign = autoSign;
    }

    /** From the master config: the {@link AutoSign.Config#fromOpts} keys. */
    public static KeyAdmission fromOpts(KeyDirectory keys, Map<String, Object> opts) {
        return new KeyAdmission(keys, new AutoSign(AutoSign.Config.fromOpts(opts)));
    }

    /**
     * Whether autosign (auto_accept, autosign_file, autosign_grains_dir) would accept this id
     * now: the master asks it for the pending minions whose connections it holds, so an
     * autosign entry added later reaches them as Salt's next authentication would.
     */
    public boolean autosigns(String minionId, Map<String, Object> grains) {
        return autoSign.autosign(minionId, grains);
    }

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
        synchronized (keys.lockFor(minionId)) {
            d = decide(minionId, presented, grains, events);
        }
        events.forEach(Runnable::run);
        return d;
    }

    private Decision decide(String id, PublicKey presented, Map<String, Object> grains, List<Runnable> events)
            throws IOException {
        String pem = Pem.publicKey(presented);
        if (Files.exists(keys.file(KeyState.REJECTED, id))) {
            LOG.info("Public key rejected for {}. Key is present in rejection key dir.", id);
            return Decision.REJECTED;
        }
        if (Files.exists(keys.file(KeyState.ACCEPTED, id))) {
            if (keys.holds(KeyState.ACCEPTED, id, presented)) {
                return Decision.ACCEPTED;
            }
            LOG.error("Authentication attempt from {} failed, the public keys did not match. "
                    + "This may be an attempt to compromise the jsalt cluster.", id);
            keys.write(KeyState.DENIED, id, pem);
            return Decision.DENIED;
        }
        boolean autoReject = autoSign.autoreject(id);
        if (Files.exists(keys.file(KeyState.PENDING, id))) {
            if (autoReject) {
                LOG.info("Pending public key for {} rejected via autoreject_file", id);
                keys.move(id, KeyState.PENDING, KeyState.REJECTED);
                return Decision.REJECTED;
            }
            if (!keys.holds(KeyState.PENDING, id, presented)) {
                LOG.error("Authentication attempt from {} failed, the public key in pending did not match. "
                        + "This may be an attempt to compromise the jsalt cluster.", id);
                keys.write(KeyState.DENIED, id, pem);
                return Decision.DENIED;
            }
            if (autoSign.autosign(id, grains)) {
                keys.move(id, KeyState.PENDING, KeyState.ACCEPTED);
                events.add(() -> keys.fireAccepted(id));
                LOG.info("Pending key for {} accepted by autosign", id);
                return Decision.ACCEPTED;
            }
            LOG.info("Authentication failed from host {}, the key is in pending and needs to be accepted "
                    + "with jsalt-key -a {}", id, id);
            return Decision.PENDING;
        }
        if (autoReject) {
            LOG.info("New public key for {} rejected via autoreject_file", id);
            keys.write(KeyState.REJECTED, id, pem);
            return Decision.REJECTED;
        }
        if (autoSign.autosign(id, grains)) {
            keys.write(KeyState.ACCEPTED, id, pem);
            events.add(() -> keys.fireAccepted(id));
            LOG.info("New public key for {} accepted by autosign", id);
            return Decision.ACCEPTED;
        }
        LOG.info("New public key for {} placed in pending", id);
        keys.write(KeyState.PENDING, id, pem);
        return Decision.PENDING;
    }
}
