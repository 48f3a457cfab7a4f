package io.jsalt.common.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTargetTest {
    private final Matcher matcher = new Matcher();

    /** One row a glob, a minion id, and whether they match (Python's fnmatch.fnmatch on POSIX). */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # Wildcards.
            web*               | web1.example.com    | true
            *                  | anything            | true
            *.example.com      | db1.example.com     | true
            web*.example.*     | web01.example.org   | true
            web*               | db1                 | false
            # Without wildcards a glob is the exact, whole id.
            web1               | web1                | true
            web1               | web10               | false
            web                | web1                | false
            # Case-sensitive, as on POSIX.
            Web*               | web1                | false
            WEB1               | web1                | false
            # '?' is exactly one character.
            web?               | web1                | true
            web?               | web                 | false
            web?               | web12               | false
            # Brackets: sets, ranges and negations.
            web[12]            | web2                | true
            web[12]            | web3                | false
            web[0-9][0-9]      | web42               | true
            web[0-9]           | weba                | false
            web[!0-9]          | weba                | true
            web[!0-9]          | web5                | false
            web[a-c-]          | web-                | true
            # ']' first in a set is a literal, an unclosed '[' is a literal.
            a[]]b              | a]b                 | true
            a[!]]b             | axb                 | true
            web[1              | web[1               | true
            # A reversed range is empty: never matches; negated it matches any character.
            a[z-a]             | am                  | false
            a[!z-a]            | am                  | true
            # Regex metacharacters are literal.
            web.1              | web.1               | true
            web.1              | webx1               | false
            'a+b(c)|d$'        | 'a+b(c)|d$'         | true
            a\\b*              | a\\bc               | true
            # '*' matches the empty string.
            a*b                | ab                  | true
            *fix               | suffix              | true
            """)
    void glob(String glob, String id, boolean matches) {
        assertEquals(matches, matcher.matches(glob, TargetType.GLOB, MinionData.of(id)));
    }

    @Test
    void starMatchesNewlines() {
        assertTrue(matcher.matches("a*b", TargetType.GLOB, MinionData.of("a\nb")));
    }

    @Test
    void selectKeepsTheOrderGiven() {
        CompiledTarget t = matcher.compile("web*", TargetType.GLOB);
        List<MinionData> ms = List.of(MinionData.of("web2"), MinionData.of("db1"), MinionData.of("web1"));
        assertEquals(List.of("web2", "web1"), t.select(ms));
    }
}
