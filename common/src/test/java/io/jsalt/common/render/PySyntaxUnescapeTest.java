package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python's unescaping of a string literal's body (the string-literal rules of Python's tokenizer). */
class PySyntaxUnescapeTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # \\x takes two hex digits, \\u four; with fewer the backslash stays.
            a\\x41b      | aAb
            \\u00e9      | é
            \\x4         | \\x4
            \\u12g       | \\u12g
            \\xZZ        | \\xZZ
            # Unknown escapes keep their backslash; a trailing backslash stays.
            \\q          | \\q
            end\\        | end\\
            \\t\\\\      | '\t\\'
            """)
    void unescape(String body, String value) {
        assertEquals(value, PySyntax.unescape(body));
    }
}
