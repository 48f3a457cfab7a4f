package io.jsalt.common.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The event path of {@link Yaml#load} must give exactly what SnakeYAML's composer and
 * constructor give (then normalised), and leave every document with a rule of theirs
 * (anchors, aliases, merge keys, tags, duplicate keys, nesting, several documents) to them.
 */
class YamlEventsTest {
    private static LoaderOptions options() {
        LoaderOptions lo = new LoaderOptions();
        lo.setAllowDuplicateKeys(false);
        lo.setMaxAliasesForCollections(200);
        lo.setCodePointLimit(64 * 1024 * 1024);
        return lo;
    }

    /** The event path alone: model data, NOT_PLAIN, or the parser's exception. */
    private static Object events(String text) {
        LoaderOptions lo = options();
        return YamlEvents.load(text, lo, new SaltSafeConstructor(lo));
    }

    /** SnakeYAML's full load, normalised: what Yaml.load gave before the event path. */
    private static Object full(String text) {
        LoaderOptions lo = options();
        return Data.normalize(new org.yaml.snakeyaml.Yaml(new SaltSafeConstructor(lo)).load(text));
    }

    private static void assertPlainAndEqual(String text) {
        Object fast = events(text);
        assertNotSame(YamlEvents.NOT_PLAIN, fast, text);
        assertEquals(full(text), fast, text);
        assertEquals(full(text), Yaml.load(text, "t.sls"), text);
    }

    @Test
    void scalarsAreTypedAsTheConstructorTypesThem() {
        // Salt's loader (salt/utils/yamlloader.py): YAML 1.1 booleans, 0644 read in base 10.
        String doc = """
                int: 1
                mode: 0644
                hex: 0x1F
                octal_neg: -0644
                sexagesimal: 1:30
                big: 123456789012345678901234567890
                bools: [yes, No, on, OFF, true, False]
                nulls: [~, null, ]
                float: 1.5
                exp: 1.0e+3
                inf: .inf
                date: 2001-12-14
                stamp: 2001-12-14t21:59:43.10-05:00
                quoted: ['1', "yes", '~']
                block: |
                  line one
                  line two
                folded: >
                  folded
                  text
                flow: {a: [1, {b: c}], d: e}
                0x10: hex key
                true: bool key
                null: null key
                1.5: float key
                2001-12-14: date key
                empty_map: {}
                empty_list: []
                """;
        assertPlainAndEqual(doc);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) events(doc);
        assertEquals(644L, m.get("mode"));
        assertEquals(List.of(true, false, true, false, true, false), m.get("bools"));
        assertEquals("123456789012345678901234567890", m.get("big"));
        assertEquals("hex key", m.get("16"));
        assertEquals("bool key", m.get("True"));
        assertEquals("null key", m.get("None"));
        assertEquals(List.of("1", "yes", "~"), m.get("quoted"));
    }

    @Test
    void theStringShortcutAgreesWithSnakeYamlsResolver() {
        org.yaml.snakeyaml.resolver.Resolver resolver = new org.yaml.snakeyaml.resolver.Resolver();
        List<String> tails = List.of("", "1", "es", "ull", "rue", "alse", "ff", "n", "x:1", ".5", "e3", "_0", "23456",
                "00-01-01", "-12-14", "<", "ALSE", "a long word");
        int shortcut = 0;
        for (char first = 0; first < 256; first++) {
            for (String tail : tails) {
                String value = first + tail;
                if (YamlEvents.surelyString(value)) {
                    shortcut++;
                    assertEquals(org.yaml.snakeyaml.nodes.Tag.STR,
                            resolver.resolve(org.yaml.snakeyaml.nodes.NodeId.scalar, value, true), value);
                }
            }
        }
        for (String word : List.of("yes", "No", "on", "OFF", "false", "null", "~", "", "1", "-1", ".5", "<<")) {
            assertTrue(!YamlEvents.surelyString(word), word);
        }
        assertTrue(shortcut > 3000, "the shortcut took only " + shortcut);
    }

    @Test
    void topLevelScalarsListsAndEmptyDocuments() {
        assertPlainAndEqual("- a\n- 1\n- [x, y]\n");
        assertPlainAndEqual("just text\n");
        assertPlainAndEqual("42\n");
        assertPlainAndEqual("--- {a: 1}\n...\n");
        assertEquals(null, events(""));
        assertEquals(null, events("# only a comment\n"));
        assertEquals(null, Yaml.load("", "t.sls"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a: &x [1, 2]\nb: *x\n",                  // anchor and alias
        "base: &b {x: 1}\nc: {<<: *b, y: 2}\n",   // merge key
        "<<: {x: 1}\ny: 2\n",                      // merge key without an alias
        "a: !!str 1\n",                            // explicit tag
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "? [a, b]\n: c\n",                         // complex key
        "1: a\n'1': b\n",                          // two keys that normalise to one
        "a: 1\n---\nb: 2\n",                       // two documents
    })
    void documentsWithTheComposersOrConstructorsRulesTakeTheFullLoad(String text) {
        assertSame(YamlEvents.NOT_PLAIN, events(text), text);
        Object expected;
        try {
            expected = full(text);
        } catch (RuntimeException e) {
            Yaml.DataException thrown = assertThrows(Yaml.DataException.class, () -> Yaml.load(text, "t.sls"));
            assertTrue(thrown.getCause().getMessage().equals(e.getMessage()), thrown.getMessage());
            return;
        }
        assertEquals(Yaml.dump(expected), Yaml.dump(Yaml.load(text, "t.sls")), text); // dump compares byte[] too
    }

    @Test
    void duplicateKeysAreStillTheConstructorsErrorWithItsLine() {
        Yaml.DataException e = assertThrows(Yaml.DataException.class,
                () -> Yaml.load("a: 1\nb:\n  c: 1\n  c: 2\n", "t.sls"));
        assertEquals("t.sls, line 4: while constructing a mapping: found duplicate key c", e.getMessage());
        assertEquals(4, e.line());
    }

    @Test
    void limitsAgainstHostileInputStillHold() {
        StringBuilder many = new StringBuilder("x: &x [1]\n");
        for (int i = 0; i < 250; i++) {
            many.append("y").append(i).append(": *x\n");
        }
        Yaml.DataException aliases = assertThrows(Yaml.DataException.class, () -> Yaml.load(many.toString(), "t"));
        assertTrue(aliases.getMessage().contains("Number of aliases for non-scalar nodes exceeds"),
                aliases.getMessage());
        String deep = "[".repeat(60) + "]".repeat(60);
        Yaml.DataException nesting = assertThrows(Yaml.DataException.class, () -> Yaml.load(deep, "t"));
        assertTrue(nesting.getMessage().contains("Nesting Depth exceeded"), nesting.getMessage());
        String fine = "[".repeat(40) + "]".repeat(40);
        assertPlainAndEqual(fine);
    }

    @Test
    void anAliasBombFailsInsteadOfExpandingIntoTheHeap() {
        // 30 lines, 58 aliases (under the alias limit): SnakeYAML shares each aliased list,
        // but the model's copy would hold 2^30 strings.
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x]\n");
        for (int i = 1; i < 30; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1)
                    .append(", *a").append(i - 1).append("]\n");
        }
        Yaml.DataException e = assertThrows(Yaml.DataException.class, () -> Yaml.load(bomb.toString(), "t.sls"));
        assertEquals("t.sls: its aliases expand it to more than 1000000 values", e.getMessage());
        Yaml.DataException loop = assertThrows(Yaml.DataException.class, () -> Yaml.load("a: &a [1, *a]\n", "t.sls"));
        assertEquals("t.sls: a collection contains itself through an alias; it cannot be loaded", loop.getMessage());
        // Aliases that stay within the bound load as before, each use a copy of its own.
        @SuppressWarnings("unchecked")
        Map<String, Object> ok = (Map<String, Object>) Yaml.load("a: &a {k: v}\nb: *a\n", "t.sls");
        assertEquals(ok.get("a"), ok.get("b"));
        assertNotSame(ok.get("a"), ok.get("b"));
    }

    @Test
    void syntaxErrorsAreTheParsersOwn() {
        for (String bad : List.of("a: [1, 2\n", "a: b: c\n", "a:\n  - b\n c: d\n", "a: 'unclosed\n", "\tkey: v\n")) {
            RuntimeException viaEvents = assertThrows(RuntimeException.class, () -> events(bad), bad);
            RuntimeException viaFull = assertThrows(RuntimeException.class, () -> full(bad), bad);
            assertEquals(viaFull.getMessage(), viaEvents.getMessage(), bad);
        }
    }

    @Test
    void everyYamlFileOfTheTestCorpusLoadsAlikeBothWays() throws IOException {
        int plain = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
            for (Path p : files.filter(f -> f.toString().matches(".*\\.(sls|ya?ml)$")).toList()) {
                String text = Files.readString(p);
                Object expected;
                try {
                    expected = full(text);
                } catch (RuntimeException e) {
                    continue; // a Jinja template, not YAML yet
                }
                Object fast = events(text);
                if (fast != YamlEvents.NOT_PLAIN) {
                    assertEquals(expected, fast, p.toString());
                    plain++;
                }
            }
        }
        assertTrue(plain >= 10, "only " + plain + " plain YAML files in the corpus");
    }
}
