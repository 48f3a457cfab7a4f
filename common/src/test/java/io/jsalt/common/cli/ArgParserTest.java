package io.jsalt.common.cli;

import static io.jsalt.common.data.OrderedMaps.assertOrderedMap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** A word as parse_input sorts it: the word, then the positional arguments and keywords it gives. */
    static Stream<Arguments> sorted() {
        return Stream.of(
                // a keyword's name may hold dots and dashes but not start with a digit or a dash
                Arguments.of("a.b-c_d=x", List.of(), Map.of("a.b-c_d", "x")),
                Arguments.of("1a=x", List.of("1a=x"), Map.of()),
                Arguments.of("-a=x", List.of("-a=x"), Map.of()),
                // (?!=): "a==b" is a positional argument (comparisons in cmd.run etc.)
                Arguments.of("a==b", List.of("a==b"), Map.of()),
                // the word splits at its first '='
                Arguments.of("cmd=a=b=c", List.of(), Map.of("cmd", "a=b=c")),
                // a name is made of Unicode word characters
                Arguments.of("größe=3", List.of(), Map.of("größe", 3L)),
                // "Don't pull args with key=val apart if it has a newline in it."
                Arguments.of("a=b\nc", List.of("a=b\nc"), Map.of()),
                // an empty value stays the empty string
                Arguments.of("name=", List.of(), Map.of("name", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sorted")
    void aWordIsAKeywordOnlyWhenKwargRegexMatches(String word, List<Object> args, Map<String, Object> kwargs) {
        ArgParser.Parsed p = parse(word);
        assertEquals(args, p.args());
        assertEquals(kwargs, p.kwargs());
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

    /** A word as yamlify_arg types it: the word, then what it becomes. */
    static Stream<Arguments> yamlified() {
        return Stream.of(
                // YAML 1.1 booleans and nulls
                Arguments.of("yes", true),
                Arguments.of("Off", false),
                Arguments.of("y", "y"), // PyYAML does not know y/n
                Arguments.of("~", null),
                Arguments.of("null", null),
                Arguments.of("none", "none"),
                // the literal None
                // yamlify_arg: if arg == "None": arg = None
                Arguments.of("None", null),
                // leading zero int is decimal not octal
                // SaltYamlSafeLoader.construct_scalar: "0644" -> "644"
                Arguments.of("0644", 644L),
                Arguments.of("000", 0L),
                Arguments.of("0x1F", 31L),
                Arguments.of("0b101", 5L),
                // the strip only looks at the first character, so a sign keeps PyYAML's octal
                Arguments.of("-0644", -420L),
                Arguments.of("{mode: 0644}", Map.of("mode", 644L)),
                // non octal digits after zero stay string
                Arguments.of("08", "08"),
                Arguments.of("0o17", "0o17"),
                // floats need a dot, and an exponent a sign, as in PyYAML
                Arguments.of("1.5e+3", 1500.0),
                Arguments.of("3.", 3.0),
                Arguments.of(".5", 0.5),
                Arguments.of("1e5", "1e5"),
                Arguments.of("1.5e3", "1.5e3"),
                Arguments.of("-.5", "-.5"),
                Arguments.of(".inf", Double.POSITIVE_INFINITY),
                // sexagesimal numbers
                Arguments.of("1:30", 90L),
                Arguments.of("12:30:45", 45045L),
                Arguments.of("1:60", "1:60"),
                // timestamps stay strings
                // SaltYamlSafeLoader constructs tag:yaml.org,2002:timestamp with construct_scalar
                Arguments.of("2024-01-02", "2024-01-02"),
                Arguments.of("2024-01-02 03:04:05", "2024-01-02 03:04:05"),
                Arguments.of("[2024-01-02]", List.of("2024-01-02")),
                // huge integers become strings
                // Python keeps a big int; the Data model has only Long, so the digits are kept.
                Arguments.of("99999999999999999999999", "99999999999999999999999"),
                Arguments.of("1234567890123456789", 1234567890123456789L),
                // aliases expand
                Arguments.of("[&x 1, *x]", List.of(1L, 1L)),
                // blank and document markers stay text
                // arg.strip() in ("", "---", "..."): YAML would give None or fail
                Arguments.of("", ""),
                Arguments.of("   ", "   "),
                Arguments.of("---", "---"),
                Arguments.of(" ... ", " ... "),
                // digits with underscores stay text
                // "the underscores are ignored and the digits are combined ... We don't want that"
                Arguments.of("1_000", "1_000"),
                Arguments.of("_", "_"),
                // the guard checks only digits and underscores: a sign or dot goes to YAML
                Arguments.of("-1_000", -1000L),
                Arguments.of("1_000.5", 1000.5),
                // tab carriage return or newline stay text
                Arguments.of("a\tb", "a\tb"),
                Arguments.of("[1,\n2]", "[1,\n2]"),
                Arguments.of("3\r", "3\r"),
                // hash keeps text unless it loads as non string
                // "Only yamlify if it parses into a non-string type, to prevent loss of content"
                Arguments.of("foo #bar", "foo #bar"),
                Arguments.of("#x", "#x"),
                Arguments.of("foo#bar", "foo#bar"),
                Arguments.of("[1, 2] # c", List.of(1L, 2L)),
                Arguments.of("1 # c", 1L),
                Arguments.of("{a: '#'}", Map.of("a", "#")),
                // the '#' path skips the brace check, so an unbraced map loads
                Arguments.of("a: b#c", Map.of("a", "b#c")),
                // maps need braces and lists need brackets
                Arguments.of("a: 1", "a: 1"),
                Arguments.of("- 1", "- 1"),
                Arguments.of(" {a: 1}", " {a: 1}"), // startswith, not stripped
                Arguments.of("?", "?"),
                Arguments.of("{}", Map.of()),
                Arguments.of("[]", List.of()),
                // pipe and bang stay text
                // "yaml.safe_load will load '|' and '!' as '', don't let it do that."
                Arguments.of("|", "|"),
                Arguments.of("!", "!"),
                // Salt has no guard for '>', which loads as ""
                Arguments.of(">", ""),
                // explicit tags follow salt loader
                Arguments.of("!!str 5", "5"),
                Arguments.of("!!int 09", 9L),
                Arguments.of("!!float 1", 1.0),
                Arguments.of("!!timestamp 2024-01-02", "2024-01-02"),
                // quoted scalars and surrounding space
                Arguments.of("'3'", "3"),
                Arguments.of("hello world", "hello world"),
                Arguments.of(" 3 ", 3L));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("yamlified")
    void yamlifyTypesAWordAsSalt(String word, Object expected) {
        assertEquals(expected, ArgParser.yamlify(word));
    }

    @Test
    void nestedStructuresKeepOrderAndTypes() {
        Object o = ArgParser.yamlify("{z: 1, a: [2.5, null, yes, 'x'], m: {k: v}}");
        assertOrderedMap(o, "z", 1L, "a", Arrays.asList(2.5, null, true, "x"), "m", Map.of("k", "v"));
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
