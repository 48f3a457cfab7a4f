package io.jsalt.master.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.KeyMaterial;
import io.jsalt.common.crypto.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyAdmissionTest {
    private static final String KEY = KeyMaterial.generate("web1").publicKeyPem();
    private static final String OTHER = KeyMaterial.generate("web1").publicKeyPem();

    @TempDir
    Path pki;

    /** The directory both the admission and jsalt-key's operations below work on. */
    private KeyDirectory dir;
    private KeyOperations ops;

    private KeyAdmission store(AutoSign.Config config) throws Exception {
        dir = new KeyDirectory(pki);
        ops = new KeyOperations(dir);
        return new KeyAdmission(dir, new AutoSign(config));
    }

    private KeyAdmission store() throws Exception {
        return store(AutoSign.Config.OFF);
    }

    private Path file(KeyState s, String id) {
        return pki.resolve(s.dirName()).resolve(id);
    }

    private boolean holds(KeyState s, String id, String pem) throws Exception {
        return Files.exists(file(s, id)) && Pem.samePublicKey(Files.readString(file(s, id)), pem);
    }

    @Test
    void createsSaltsKeyDirectoriesPrivately() throws Exception {
        store();
        for (KeyState s : KeyState.values()) {
            assertEquals("rwx------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(pki.resolve(s.dirName()))));
        }
    }

    @Test
    void unknownMinionIsPlacedInPending() throws Exception {
        assertEquals(Decision.PENDING, store().admit("web1", KEY, Map.of()));
        assertTrue(holds(KeyState.PENDING, "web1", KEY));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file(KeyState.PENDING, "web1"))));
    }

    @Test
    void pendingMinionWithTheSameKeyStaysPending() throws Exception {
        KeyAdmission ks = store();
        ks.admit("web1", KEY, null);
        assertEquals(Decision.PENDING, ks.admit("web1", KEY, null));
        assertFalse(Files.exists(file(KeyState.DENIED, "web1")));
    }

    @Test
    void pendingIdPresentingAnotherKeyIsDeniedAndPendingKeyKept() throws Exception {
        KeyAdmission ks = store();
        ks.admit("web1", KEY, null);
        assertEquals(Decision.DENIED, ks.admit("web1", OTHER, null));
        assertTrue(holds(KeyState.PENDING, "web1", KEY));
        assertTrue(holds(KeyState.DENIED, "web1", OTHER));
    }

    @Test
    void pendingMinionIsAcceptedWhenAutosignNowMatches() throws Exception {
        store().admit("web1", KEY, null);
        List<String> accepted = new ArrayList<>();
        KeyAdmission ks = store(new AutoSign.Config(true, null, null, null, false));
        dir.onAccepted(accepted::add);
        assertEquals(Decision.ACCEPTED, ks.admit("web1", KEY, null));
        assertTrue(holds(KeyState.ACCEPTED, "web1", KEY));
        assertFalse(Files.exists(file(KeyState.PENDING, "web1")));
        assertEquals(List.of("web1"), accepted);
    }

    @Test
    void pendingIdWithAnotherKeyIsDeniedEvenWhenAutosigned() throws Exception {
        store().admit("web1", KEY, null);
        KeyAdmission ks = store(new AutoSign.Config(true, null, null, null, false));
        assertEquals(Decision.DENIED, ks.admit("web1", OTHER, null));
        assertTrue(holds(KeyState.PENDING, "web1", KEY));
        assertFalse(Files.exists(file(KeyState.ACCEPTED, "web1")));
    }

    @Test
    void acceptedMinionWithItsKeyIsAccepted() throws Exception {
        KeyAdmission ks = store();
        ks.admit("web1", KEY, null);
        ops.accept("web1", false, false);
        // The same key in another PEM layout is still the same key.
        assertEquals(Decision.ACCEPTED, ks.admit("web1", KEY.replace("\n", "\r\n"), null));
        assertTrue(dir.isAccepted("web1", Pem.parsePublicKey(KEY)));
    }

    @Test
    void acceptedIdPresentingAnotherKeyIsDeniedAndRecorded() throws Exception {
        KeyAdmission ks = store();
        ks.admit("web1", KEY, null);
        ops.accept("web1", false, false);
        assertEquals(Decision.DENIED, ks.admit("web1", OTHER, null));
        assertTrue(holds(KeyState.DENIED, "web1", OTHER));
        assertTrue(holds(KeyState.ACCEPTED, "web1", KEY), "the accepted key is untouched");
        assertFalse(dir.isAccepted("web1", Pem.parsePublicKey(OTHER)));
    }

    @Test
    void rejectedMinionStaysRejectedWhateverItsKey() throws Exception {
        KeyAdmission ks = store(new AutoSign.Config(true, null, null, null, false));
        Files.writeString(file(KeyState.REJECTED, "web1"), KEY);
        assertEquals(Decision.REJECTED, ks.admit("web1", KEY, null));
        assertEquals(Decision.REJECTED, ks.admit("web1", OTHER, null));
        assertFalse(Files.exists(file(KeyState.PENDING, "web1")));
        assertFalse(Files.exists(file(KeyState.ACCEPTED, "web1")));
    }

    @Test
    void autoAcceptAcceptsUnknownMinions() throws Exception {
        KeyAdmission ks = store(new AutoSign.Config(true, null, null, null, false));
        List<String> accepted = new ArrayList<>();
        dir.onAccepted(accepted::add);
        assertEquals(Decision.ACCEPTED, ks.admit("web1", KEY, null));
        assertTrue(holds(KeyState.ACCEPTED, "web1", KEY));
        assertEquals(List.of("web1"), accepted);
    }

    @Test
    void autosignFileMatchAcceptsUnknownMinion() throws Exception {
        Path signing = pki.resolve("autosign.conf");
        Files.writeString(signing, "# web servers\nweb*\n");
        Files.setPosixFilePermissions(signing, PosixFilePermissions.fromString("rw-r--r--"));
        KeyAdmission ks = store(new AutoSign.Config(false, signing, null, null, false));
        assertEquals(Decision.ACCEPTED, ks.admit("web1", KEY, null));
        assertEquals(Decision.PENDING, ks.admit("db1", OTHER, null));
    }

    @Test
    void autoRejectFileRejectsNewAndPendingMinions() throws Exception {
        store().admit("bad2", KEY, null);
        Path reject = pki.resolve("autoreject.conf");
        Files.writeString(reject, "bad*\n");
        Files.setPosixFilePermissions(reject, PosixFilePermissions.fromString("rw-r--r--"));
        KeyAdmission ks = store(new AutoSign.Config(true, null, reject, null, false));
        assertEquals(Decision.REJECTED, ks.admit("bad1", KEY, null));
        assertTrue(holds(KeyState.REJECTED, "bad1", KEY));
        assertEquals(Decision.REJECTED, ks.admit("bad2", KEY, null));
        assertTrue(holds(KeyState.REJECTED, "bad2", KEY));
        assertFalse(Files.exists(file(KeyState.PENDING, "bad2")));
    }

    @Test
    void autosignGrainsAcceptMatchingMinion() throws Exception {
        Path grainsDir = Files.createDirectory(pki.resolve("autosign_grains"));
        Files.writeString(grainsDir.resolve("uuid"), "# known hosts\n8f7d68e2-30c5-40c6-b84a-df7e978a03ee\n");
        KeyAdmission ks = store(new AutoSign.Config(false, null, null, grainsDir, false));
        assertEquals(Decision.ACCEPTED,
                ks.admit("web1", KEY, Map.of("uuid", "8f7d68e2-30c5-40c6-b84a-df7e978a03ee")));
        assertEquals(Decision.PENDING, ks.admit("web2", OTHER, Map.of("uuid", "nope")));
    }

    @Test
    void invalidIdsAreRejectedAndNothingIsWritten() throws Exception {
        KeyAdmission ks = store(new AutoSign.Config(true, null, null, null, false));
        for (String id : List.of("../etc", "a/b", "a\\b", "nul\0", ".hidden", "..", "a..b", "", "x".repeat(256))) {
            assertEquals(Decision.REJECTED, ks.admit(id, KEY, null), id);
        }
        for (KeyState s : KeyState.values()) {
            assertTrue(ops.list(s).isEmpty(), s.toString());
        }
        assertTrue(Files.notExists(pki.getParent().resolve("etc")));
    }

    @Test
    void malformedKeyIsRejectedAndNothingIsWritten() throws Exception {
        KeyAdmission ks = store();
        assertEquals(Decision.REJECTED, ks.admit("web1", "not a key", null));
        assertTrue(ops.list(KeyState.PENDING).isEmpty());
    }

    @Test
    void keyDeniedAfterDeletionOfAcceptedIsPendingAgain() throws Exception {
        KeyAdmission ks = store();
        ks.admit("web1", KEY, null);
        ops.accept("web1", false, false);
        ops.delete("web1");
        assertEquals(Decision.PENDING, ks.admit("web1", OTHER, null));
    }

    @Test
    void concurrentAdmitsOfOneIdLeaveOneConsistentState() throws Exception {
        KeyAdmission ks = store();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            keys.add(KeyMaterial.generate("race").publicKeyPem());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Decision>> calls = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (String k : keys) {
                    calls.add(() -> ks.admit("race", k, null));
                }
            }
            int pending = 0;
            for (Future<Decision> f : pool.invokeAll(calls)) {
                if (f.get() == Decision.PENDING) {
                    pending++;
                }
            }
            String winner = Files.readString(file(KeyState.PENDING, "race"));
            long sameAsWinner = keys.stream().filter(k -> Pem.samePublicKey(k, winner)).count();
            assertEquals(1, sameAsWinner, "exactly one of the presented keys is pending");
            assertEquals(5, pending, "only the first key's admits are PENDING, all others DENIED");
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(pki.resolve("minions_pre"))) {
            assertEquals(1, files.count(), "no temporary files left");
        }
    }
}
