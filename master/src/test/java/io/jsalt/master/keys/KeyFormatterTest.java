package io.jsalt.master.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyFormatterTest {
    private static Map<KeyState, List<String>> keys() {
        Map<KeyState, List<String>> m = new EnumMap<>(KeyState.class);
        m.put(KeyState.ACCEPTED, List.of("web2", "Web1"));
        m.put(KeyState.PENDING, List.of("db1"));
        m.put(KeyState.REJECTED, List.of());
        m.put(KeyState.DENIED, List.of("web2"));
        return m;
    }

    @Test
    void listIsSaltKeyDashL() {
        assertEquals("""
                Accepted Keys:
                Web1
                web2
                Denied Keys:
                web2
                Unaccepted Keys:
                db1
                Rejected Keys:
                """, KeyFormatter.list(keys(), false));
    }

    @Test
    void listInColourUsesSaltsAnsiSequences() {
        Map<KeyState, List<String>> m = new EnumMap<>(KeyState.class);
        m.put(KeyState.ACCEPTED, List.of("web1"));
        m.put(KeyState.PENDING, List.of("db1"));
        m.put(KeyState.REJECTED, List.of("x"));
        m.put(KeyState.DENIED, List.of("y"));
        String e = "\033[0;0m";
        assertEquals("\033[0;1;32mAccepted Keys:" + e + "\n\033[0;32mweb1" + e + "\n"
                + "\033[0;1;35mDenied Keys:" + e + "\n\033[0;35my" + e + "\n"
                + "\033[0;1;31mUnaccepted Keys:" + e + "\n\033[0;31mdb1" + e + "\n"
                + "\033[0;1;34mRejected Keys:" + e + "\n\033[0;34mx" + e + "\n",
                KeyFormatter.list(m, true));
    }

    @Test
    void listOfOneStateShowsOnlyItsHeading() {
        assertEquals("Unaccepted Keys:\ndb1\n", KeyFormatter.list(Map.of(KeyState.PENDING, List.of("db1")), false));
    }

    @Test
    void fingerprintsPutLocalKeysFirst() {
        Map<String, String> local = new LinkedHashMap<>();
        local.put("master.pem", "aa:bb");
        local.put("master.pub", "cc:dd");
        Map<KeyState, Map<String, String>> k = new EnumMap<>(KeyState.class);
        k.put(KeyState.ACCEPTED, Map.of("web1", "11:22"));
        k.put(KeyState.PENDING, Map.of());
        assertEquals("""
                Local Keys:
                master.pem:  aa:bb
                master.pub:  cc:dd
                Accepted Keys:
                web1:  11:22
                Unaccepted Keys:
                """, KeyFormatter.fingerprints(new FingerprintReport(local, k), false));
        assertEquals("\033[0;1;32mAccepted Keys:\033[0;0m\n\033[0;32mweb1:  11:22\033[0;0m\n",
                KeyFormatter.fingerprints(new FingerprintReport(null,
                        Map.of(KeyState.ACCEPTED, Map.of("web1", "11:22"))), true));
    }

    @Test
    void jsonIsPythonJsonDumpsWithIndentFourInListKeysOrder() {
        assertEquals("""
                {
                    "minions": [
                        "web2",
                        "Web1"
                    ],
                    "minions_pre": [
                        "db1"
                    ],
                    "minions_rejected": [],
                    "minions_denied": [
                        "web2"
                    ]
                }
                """, KeyFormatter.json(keys()));
    }

    @Test
    void jsonGoesThroughSaltsJsonOutputter() {
        // salt-key --out json uses the json outputter: quotes escaped, non-ASCII printed as is.
        assertEquals("{\n    \"minions\": [\n        \"caf\u00e9\\\"\"\n    ]\n}\n",
                KeyFormatter.json(Map.of(KeyState.ACCEPTED, List.of("caf\u00e9\""))));
    }

    @Test
    void fingerprintJsonNestsMapsByStatus() {
        assertEquals("""
                {
                    "local": {
                        "master.pub": "cc:dd"
                    },
                    "minions": {}
                }
                """, KeyFormatter.json(new FingerprintReport(Map.of("master.pub", "cc:dd"),
                Map.of(KeyState.ACCEPTED, Map.of()))));
    }

    @Test
    void cliMessagesAreSalts() {
        assertEquals("The following keys are going to be accepted:\nUnaccepted Keys:\ndb1\n",
                KeyFormatter.preview("accept", Map.of(KeyState.PENDING, List.of("db1")), false));
        assertEquals("Key for minion db1 accepted.\nKey for minion web1 accepted.\n",
                KeyFormatter.done("accept", List.of(new KeyChange("db1", KeyState.PENDING, KeyState.ACCEPTED),
                        new KeyChange("web1", KeyState.REJECTED, KeyState.ACCEPTED))));
        assertEquals("Key for minion db1 deleted.\n",
                KeyFormatter.done("delete", List.of(new KeyChange("db1", KeyState.PENDING, null))));
        assertEquals("The key glob 'web*' does not match any unaccepted keys.\n",
                KeyFormatter.noMatch("web*", false, false, false));
        assertEquals("The key glob 'web*' does not match any unaccepted, rejected or denied keys.\n",
                KeyFormatter.noMatch("web*", false, true, true));
    }
}
