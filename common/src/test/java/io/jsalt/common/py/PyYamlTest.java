package io.jsalt.common.py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jsalt.common.data.Yaml;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PyYAML's double-quoted scalars (yaml/emitter.py Emitter.write_double_quoted, as Salt's
 * yaml_dquote calls it: allow_unicode off, unlimited width). Expected texts are what PyYAML
 * 6 writes for the same strings.
 */
class PyYamlTest {
    @Test
    void escapesAsPyYamlsEmitter() {
        assertEquals("\"plain\"", PyYaml.dquote("plain"));
        assertEquals("\"it's\"", PyYaml.dquote("it's"));
        assertEquals("\"a\\\"b\\\\c\"", PyYaml.dquote("a\"b\\c"));
        assertEquals("\"\\0\\a\\b\\t\\n\\v\\f\\r\\e\"", PyYaml.dquote("\0\u0007\b\t\n\u000b\f\r\u001b"));
        assertEquals("\"\\x01\\x7F\\N\\_\\xE9\"", PyYaml.dquote("\u0001\u007f\u0085\u00a0\u00e9"));
        assertEquals("\"\\L\\P\\uFEFF\\xFF\\u0100\"", PyYaml.dquote("\u2028\u2029\ufeff\u00ff\u0100"));
        assertEquals("\"\\U0001F600\"", PyYaml.dquote("\uD83D\uDE00"));
    }

    @Test
    void yamlReadsEveryEscapeBackToTheSameString() {
        for (String s : List.of("\0\u0007\b\t\n\u000b\f\r\u001b\"\\", "\u0001\u007f\u0085\u00a0\u00e9",
                "\u2028\u2029\ufeff\u00ff\u0100\uD83D\uDE00", "key: value # not a comment")) {
            assertEquals(s, ((java.util.Map<?, ?>) Yaml.load("v: " + PyYaml.dquote(s), "t")).get("v"));
        }
    }
}
