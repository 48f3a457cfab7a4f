package io.jsalt.common.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each case cites the Salt 3006 behaviour it pins (salt/utils/args.py parse_input,
 * yamlify_arg, KWARG_REGEX, condition_input; salt/utils/yamlloader.py). Expected values
 * were cross-checked against PyYAML 6 with SaltYamlSafeLoader's overrides.
 */
class ArgParserTest {

    private static ArgParser.Parsed parse(String... words) {
        return ArgParser.parse(Arrays.asList(words));
    }

    @Test
    void briefExampleTypesArgsAndKwargs() {
        ArgParser.Parsed p = parse("3", "true", "[1, 2]", "foo=bar", "n=0644", "s=\"3\"");
        assertEquals(List.of(3L, true, List.of(1L, 2L)), p.args());
        Map<String, Object> kw = new LinkedHashMap<>();
        kw.put("foo", "bar");
        kw.put("n", 644L); // SaltYamlSafeLoader.construct_scalar strips leading zeros
        kw.put("s", "3"); // quoted YAML stays a string
        assertEquals(kw, p.kwargs());
    }

    // --- KWARG_REGEX: ^([^\d\W][\w.-]*)=(?!=)(.*)$ ---

    @Test
    void kwargNameMayContainDotsAndDashesButNotStartWithDigit() {
        assertEquals(Map.of("a.b-c_d", "x"), parse("a.b-c_d=x").kwargs());
        assertEquals(List.of("1a=x"), parse("1a=x").args());
        assertEquals(List.of("-a=x"), parse("-a=x").args());
    }

    @Test
    void doubleEqualsIsNotAKwarg() {
        // (?!=): "a==b" is a positional argument (comparisons in cmd.run etc.)
        assertEquals(List.of("a==b"), parse("a==b").args());
    }

    @Test
    void kwargSplitsAtFirstEquals() {
        assertEquals(Map.of("cmd", "a=b=c"), parse("cmd=a=b=c").kwargs());
    }

    @Test
    void kwargNameIsUnicodeWordCharacters() {
        assertEquals(Map.of("größe", 3L), parse("größe=3").kwargs());
    }

    @Test
    void newlineInValueKeepsWordPositional() {
        // "Don't pull args with key=val apart if it has a newline in it."
        assertEquals(List.of("a=b\nc"), parse("a=b\nc").args());
    }

    @Test
    void emptyKwargValueStaysEmptyString() {
        assertEquals(Map.of("name", ""), parse("name=").kwargs());
    }

    @Test
    void repeatedKwargLastValueWinsInFirstPosition() {
        ArgParser.Parsed p = parse("a=1", "b=2", "a=3");
        assertEquals(List.of("a", "b"), new ArrayList<>(p.kwargs().keySet()));
        assertEquals(3L, p.kwargs().get("a"));
    }

    @Test
    void noParseKwargKeepsText() {
        ArgParser.Parsed p = ArgParser.parse(List.of("pillar={a: 1}", "n=5"), Set.of("pillar"));
        assertEquals("{a: 1}", p.kwargs().get("pillar"));
        assertEquals(5L, p.kwargs().get("n"));
    }

    // --- YAML 1.1 typing as Salt's loader does it ---

    @Test
    void yaml11BooleansAndNulls() {
        assertEquals(true, ArgParser.yamlify("yes"));
        assertEquals(false, ArgParser.yamlify("Off"));
        assertEquals("y", ArgParser.yamlify("y")); // PyYAML does not know y/n
        assertNull(ArgParser.yamlify("~"));
        assertNull(ArgParser.yamlify("null"));
        assertEquals("none", ArgParser.yamlify("none"));
    }

    @Test
    void literalNoneIsNone() {
        // yamlify_arg: if arg == "None": arg = None
        assertNull(ArgParser.yamlify("None"));
    }

    @Test
    void leadingZeroIntIsDecimalNotOctal() {
        // SaltYamlSafeLoader.construct_scalar: "0644" -> "644"
        assertEquals(644L, ArgParser.yamlify("0644"));
        assertEquals(0L, ArgParser.yamlify("000"));
        assertEquals(31L, ArgParser.yamlify("0x1F"));
        assertEquals(5L, ArgParser.yamlify("0b101"));
        // the strip only looks at the first character, so a sign keeps PyYAML's octal
        assertEquals(-420L, ArgParser.yamlify("-0644"));
        assertEquals(Map.of("mode", 644L), ArgParser.yamlify("{mode: 0644}"));
    }

    @Test
    void nonOctalDigitsAfterZeroStayString() {
        assertEquals("08", ArgParser.yamlify("08"));
        assertEquals("0o17", ArgParser.yamlify("0o17"));
    }

    @Test
    void floatsNeedADotAndSignedExponentAsInPyYaml() {
        assertEquals(1500.0, ArgParser.yamlify("1.5e+3"));
        assertEquals(3.0, ArgParser.yamlify("3."));
        assertEquals(0.5, ArgParser.yamlify(".5"));
        assertEquals("1e5", ArgParser.yamlify("1e5"));
        assertEquals("1.5e3", ArgParser.yamlify("1.5e3"));
        assertEquals("-.5", ArgParser.yamlify("-.5"));
        assertEquals(Double.POSITIVE_INFINITY, ArgParser.yamlify(".inf"));
    }

    @Test
    void sexagesimalNumbers() {
        assertEquals(90L, ArgParser.yamlify("1:30"));
        assertEquals(45045L, ArgParser.yamlify("12:30:45"));
        assertEquals("1:60", ArgParser.yamlify("1:60"));
    }

    @Test
    void timestampsStayStrings() {
        // SaltYamlSafeLoader constructs tag:yaml.org,2002:timestamp with construct_scalar
        assertEquals("2024-01-02", ArgParser.yamlify("2024-01-02"));
        assertEquals("2024-01-02 03:04:05", ArgParser.yamlify("2024-01-02 03:04:05"));
        assertEquals(List.of("2024-01-02"), ArgParser.yamlify("[2024-01-02]"));
    }

    @Test
    void hugeIntegersBecomeStrings() {
        // Python keeps a big int; the Data model has only Long, so the digits are kept.
        assertEquals("99999999999999999999999", ArgParser.yamlify("99999999999999999999999"));
        assertEquals(1234567890123456789L, ArgParser.yamlify("1234567890123456789"));
    }

    @Test
    void nestedStructuresKeepOrderAndTypes() {
        Object o = ArgParser.yamlify("{z: 1, a: [2.5, null, yes, 'x'], m: {k: v}}");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("z", 1L);
        expected.put("a", Arrays.asList(2.5, null, true, "x"));
        expected.put("m", Map.of("k", "v"));
        assertEquals(expected, o);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(((Map<?, ?>) o).keySet()));
    }

    @Test
    void aliasesExpand() {
        assertEquals(List.of(1L, 1L), ArgParser.yamlify("[&x 1, *x]"));
    }

    // --- yamlify_arg's guards ---

    @Test
    void blankAndDocumentMarkersStayText() {
        // arg.strip() in ("", "---", "..."): YAML would give None or fail
        assertEquals("", ArgParser.yamlify(""));
        assertEquals("   ", ArgParser.yamlify("   "));
        assertEquals("---", ArgParser.yamlify("---"));
        assertEquals(" ... ", ArgParser.yamlify(" ... "));
    }

    @Test
    void digitsWithUnderscoresStayText() {
        // "the underscores are ignored and the digits are combined ... We don't want that"
        assertEquals("1_000", ArgParser.yamlify("1_000"));
        assertEquals("_", ArgParser.yamlify("_"));
        // the guard checks only digits and underscores: a sign or dot goes to YAML
        assertEquals(-1000L, ArgParser.yamlify("-1_000"));
        assertEquals(1000.5, ArgParser.yamlify("1_000.5"));
    }

    @Test
    void tabCarriageReturnOrNewlineStayText() {
        assertEquals("a\tb", ArgParser.yamlify("a\tb"));
        assertEquals("[1,\n2]", ArgParser.yamlify("[1,\n2]"));
        assertEquals("3\r", ArgParser.yamlify("3\r"));
    }

    @Test
    void hashKeepsTextUnlessItLoadsAsNonString() {
        // "Only yamlify if it parses into a non-string type, to prevent loss of content"
        assertEquals("foo #bar", ArgParser.yamlify("foo #bar"));
        assertEquals("#x", ArgParser.yamlify("#x"));
        assertEquals("foo#bar", ArgParser.yamlify("foo#bar"));
        assertEquals(List.of(1L, 2L), ArgParser.yamlify("[1, 2] # c"));
        assertEquals(1L, ArgParser.yamlify("1 # c"));
        assertEquals(Map.of("a", "#"), ArgParser.yamlify("{a: '#'}"));
        // the '#' path skips the brace check, so an unbraced map loads
        assertEquals(Map.of("a", "b#c"), ArgParser.yamlify("a: b#c"));
    }

    @Test
    void mapsNeedBracesAndListsNeedBrackets() {
        assertEquals("a: 1", ArgParser.yamlify("a: 1"));
        assertEquals("- 1", ArgParser.yamlify("- 1"));
        assertEquals(" {a: 1}", ArgParser.yamlify(" {a: 1}")); // startswith, not stripped
        assertEquals("?", ArgParser.yamlify("?"));
        assertEquals(Map.of(), ArgParser.yamlify("{}"));
        assertEquals(List.of(), ArgParser.yamlify("[]"));
    }

    @Test
    void pipeAndBangStayText() {
        // "yaml.safe_load will load '|' and '!' as '', don't let it do that."
        assertEquals("|", ArgParser.yamlify("|"));
        assertEquals("!", ArgParser.yamlify("!"));
        // Salt has no guard for '>', which loads as ""
        assertEquals("", ArgParser.yamlify(">"));
    }

    @Test
    void unsupportedTypesStayText() {
        // "we don't support this type": bytes and sets
        assertEquals("!!binary aGk=", ArgParser.yamlify("!!binary aGk="));
        assertEquals("!!set {a, b}", ArgParser.yamlify("!!set {a, b}"));
        // inside a list they pass
        Object o = ArgParser.yamlify("[!!binary aGk=]");
        assertArrayEquals("hi".getBytes(), (byte[]) ((List<?>) o).get(0));
    }

    @Test
    void loadErrorsKeepText() {
        // "In case anything goes wrong..."
        for (String bad : List.of("[1, 2", "{a: 1, a: 2}", "foo: bar: baz", "@x", "`x", "*x", "%x",
                "'", "=", "<<", "!foo bar", "&a [*a]", "0b_", "&B~")) {
            assertEquals(bad, ArgParser.yamlify(bad), bad);
        }
    }

    @Test
    void explicitTagsFollowSaltLoader() {
        assertEquals("5", ArgParser.yamlify("!!str 5"));
        assertEquals(9L, ArgParser.yamlify("!!int 09"));
        assertEquals(1.0, ArgParser.yamlify("!!float 1"));
        assertEquals("2024-01-02", ArgParser.yamlify("!!timestamp 2024-01-02"));
    }

    @Test
    void quotedScalarsAndSurroundingSpace() {
        assertEquals("3", ArgParser.yamlify("'3'"));
        assertEquals("hello world", ArgParser.yamlify("hello world"));
        assertEquals(3L, ArgParser.yamlify(" 3 "));
    }

    // --- condition_input ---

    @Test
    void jidLikeIntArgsArePublishedAsStrings() {
        // condition_input: isinstance(arg, int) and is_jid(str(arg)) -> str(arg)
        ArgParser.Parsed p = parse("20240102030405123456", "-1234567890123456789", "123");
        assertEquals(List.of("20240102030405123456", "-1234567890123456789", 123L), p.args());
    }

    @Test
    void publishArgsAppendKwargMarker() {
        ArgParser.Parsed p = parse("1", "a=b");
        List<Object> pub = p.publishArgs();
        assertEquals(2, pub.size());
        assertEquals(1L, pub.get(0));
        assertEquals(Data.map("__kwarg__", true, "a", "b"), pub.get(1));
        assertTrue(parse("1").publishArgs().equals(List.of(1L)));
    }

    @Test
    void pythonStripCoversNonBreakingSpace() {
        assertEquals("", ArgParser.pyStrip("\u00a0 \u3000"));
        assertEquals("\u00a0", ArgParser.yamlify("\u00a0"));
    }
}
