package io.jsalt.master.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.crypto.Fingerprints;
import io.jsalt.common.crypto.KeyMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyOperationsTest {
    @TempDir
    Path pki;

    private KeyOperations ks;
    private KeyDirectory dir;
    private final List<String> removed = new ArrayList<>();
    private final List<String> accepted = new ArrayList<>();

    private static String key() {
        return KeyMaterial.generate("x").publicKeyPem();
    }

    private void put(KeyState state, String id, String pem) throws Exception {
        Files.writeString(pki.resolve(state.dirName()).resolve(id), pem);
    }

    @BeforeEach
    void setUp() throws Exception {
        dir = new KeyDirectory(pki);
        ks = new KeyOperations(dir);
        dir.onRemoved(removed::add);
        dir.onAccepted(accepted::add);
        KeyAdmission admission = new KeyAdmission(dir, new AutoSign(AutoSign.Config.OFF));
        for (String id : List.of("web2", "Web1", "db1")) {
            admission.admit(id, key(), null);
        }
        put(KeyState.ACCEPTED, "web9", key());
        put(KeyState.REJECTED, "web5", key());
        put(KeyState.DENIED, "web9", key());
    }

    @Test
    void listShowsEveryStateInSaltsOrderSortedIgnoringCase() throws Exception {
        Files.writeString(pki.resolve("minions_pre/.web3.tmp"), "hidden");
        Map<KeyState, List<String>> all = ks.list();
        assertEquals(List.of(KeyState.ACCEPTED, KeyState.PENDING, KeyState.REJECTED, KeyState.DENIED),
                new ArrayList<>(all.keySet()));
        assertEquals(List.of("db1", "Web1", "web2"), all.get(KeyState.PENDING));
        assertEquals(List.of("web9"), all.get(KeyState.ACCEPTED));
    }

    @Test
    void globMatchesIdsInEveryStateCaseSensitively() throws Exception {
        Map<KeyState, List<String>> m = ks.match("web*");
        assertEquals(List.of("web2"), m.get(KeyState.PENDING));
        assertEquals(List.of("web9"), m.get(KeyState.ACCEPTED));
        assertEquals(List.of("web5"), m.get(KeyState.REJECTED));
        assertEquals(List.of("web9"), m.get(KeyState.DENIED));
        assertEquals(Map.of(KeyState.PENDING, List.of("db1", "Web1")), ks.match("Web1,db?"));
        assertTrue(ks.match("nothing*").isEmpty());
    }

    @Test
    void acceptMovesOnlyMatchingPendingKeysByDefault() throws Exception {
        List<KeyChange> changes = ks.accept("web*", false, false);
        assertEquals(List.of(new KeyChange("web2", KeyState.PENDING, KeyState.ACCEPTED)), changes);
        assertEquals(List.of("web2", "web9"), ks.list(KeyState.ACCEPTED));
        assertEquals(List.of("web5"), ks.list(KeyState.REJECTED), "rejected keys need --include-rejected");
        assertEquals(List.of("web2"), accepted);
        assertTrue(removed.isEmpty());
    }

    @Test
    void acceptWithIncludeRejectedTakesRejectedKeysToo() throws Exception {
        List<KeyChange> changes = ks.accept("web5", true, false);
        assertEquals(List.of(new KeyChange("web5", KeyState.REJECTED, KeyState.ACCEPTED)), changes);
        assertTrue(ks.list(KeyState.REJECTED).isEmpty());
    }

    @Test
    void acceptingADeniedKeyReplacesTheAcceptedOneAndCutsTheOldConnection() throws Exception {
        String denied = Files.readString(pki.resolve("minions_denied/web9"));
        List<KeyChange> changes = ks.accept("web9", false, true);
        assertEquals(List.of(new KeyChange("web9", KeyState.DENIED, KeyState.ACCEPTED)), changes);
        assertEquals(denied, Files.readString(pki.resolve("minions/web9")));
        assertEquals(List.of("web9"), removed);
        assertEquals(List.of("web9"), accepted);
    }

    @Test
    void acceptAllTakesEveryPendingKey() throws Exception {
        assertEquals(3, ks.acceptAll().size());
        assertTrue(ks.list(KeyState.PENDING).isEmpty());
        assertEquals(List.of("db1", "Web1", "web2", "web9"), ks.list(KeyState.ACCEPTED));
    }

    @Test
    void invalidPendingKeyIsNotAccepted() throws Exception {
        put(KeyState.PENDING, "broken", "garbage");
        List<KeyChange> changes = ks.accept("broken", false, false);
        assertTrue(changes.isEmpty());
        assertEquals(List.of("broken", "db1", "Web1", "web2"), ks.list(KeyState.PENDING));
    }

    @Test
    void rejectLeavesAcceptedKeysAloneUnlessIncluded() throws Exception {
        assertEquals(List.of(new KeyChange("web2", KeyState.PENDING, KeyState.REJECTED)),
                ks.reject("web*", false, false));
        assertTrue(removed.isEmpty());
        assertEquals(List.of(new KeyChange("web9", KeyState.ACCEPTED, KeyState.REJECTED)),
                ks.reject("web9", true, false));
        assertEquals(List.of("web9"), removed, "rejecting an accepted key cuts the minion");
        assertFalse(Files.exists(pki.resolve("minions/web9")));
    }

    @Test
    void rejectAllTakesEveryPendingKey() throws Exception {
        assertEquals(3, ks.rejectAll().size());
        assertEquals(List.of("db1", "Web1", "web2", "web5"), ks.list(KeyState.REJECTED));
        assertTrue(removed.isEmpty());
    }

    @Test
    void deleteRemovesMatchingKeysInEveryState() throws Exception {
        List<KeyChange> changes = ks.delete("web9");
        assertEquals(List.of(new KeyChange("web9", KeyState.ACCEPTED, null),
                new KeyChange("web9", KeyState.DENIED, null)), changes);
        assertTrue(changes.get(0).deleted());
        assertEquals(List.of("web9"), removed);
        assertTrue(ks.match("web9").isEmpty());
    }

    @Test
    void deleteAllEmptiesEveryState() throws Exception {
        assertEquals(6, ks.deleteAll().size());
        ks.list().values().forEach(ids -> assertTrue(ids.isEmpty()));
        assertEquals(List.of("web9"), removed);
    }

    @Test
    void fingerprintsAreSaltsPemFingerOfEachKeyFile() throws Exception {
        KeyMaterial master = KeyMaterial.loadOrCreate(pki, "master", "salt");
        String web9 = Files.readString(pki.resolve("minions/web9"));
        FingerprintReport all = ks.fingerprintsAll();
        assertEquals(Fingerprints.of(web9), all.keys().get(KeyState.ACCEPTED).get("web9"));
        assertEquals(List.of("master.pem", "master.pub"), new ArrayList<>(all.local().keySet()));
        assertEquals(master.fingerprint(), all.local().get("master.pub"));
        assertEquals(4, all.keys().size());

        FingerprintReport some = ks.fingerprints("web2");
        assertEquals(null, some.local());
        assertEquals(Map.of(KeyState.PENDING, Map.of("web2", Fingerprints.of(
                Files.readString(pki.resolve("minions_pre/web2"))))), some.keys());
        assertEquals(master.fingerprint(), ks.fingerprints("master.pub").local().get("master.pub"));
    }

    @Test
    void failingListenerDoesNotStopTheOperation() throws Exception {
        dir.onRemoved(id -> {
            throw new IllegalStateException("boom");
        });
        ks.delete("web9");
        assertEquals(List.of("web9"), removed);
        assertFalse(Files.exists(pki.resolve("minions/web9")));
    }

    @Test
    void acceptedKeyLookupForConnectionChecks() throws Exception {
        assertTrue(dir.acceptedKey("web9").isPresent());
        assertTrue(dir.acceptedKey("web2").isEmpty());
        assertTrue(dir.acceptedKey("../minions/web9").isEmpty());
    }
}
