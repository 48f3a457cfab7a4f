package io.jsalt.common.py;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Fnmatch against Python's fnmatch.fnmatchcase on POSIX, case by case. */
class FnmatchCompatTest {
    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource(delimiter = '|', value = {
        // '*' and '?'
        "web1     | web*     | true",
        "web      | web*     | true",
        "web1     | we?1     | true",
        "web12    | web?     | false",
        "a.b.c    | *.b.*    | true",
        // case-sensitive, as on POSIX
        "Web1     | web*     | false",
        // regex characters are literal
        "a+b(c)   | a+b(c)   | true",
        "aab      | a+b      | false",
        "x.y      | x.y      | true",
        "xzy      | x.y      | false",
        "caf\u00e9 | caf\u00e9 | true",
        // sets, negation, and what Python reads literally
        "db3      | db[0-9]  | true",
        "dbx      | db[0-9]  | false",
        "dbx      | db[!0-9] | true",
        "]        | []]      | true",
        "a&       | a[&&]    | true",
        "^        | [^]      | true",
        "web[1    | web[1    | true",
        "web*     | web[*]   | true",
        "[x       | [x       | true",
    })
    void matchesAsPythonDoes(String name, String pattern, boolean matches) {
        assertEquals(matches, Fnmatch.matches(name, pattern));
    }
}
