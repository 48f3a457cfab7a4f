package io.jsalt.common.match;

import static io.jsalt.common.match.Minions.assertInvalid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PcreAndListTargetTest {
    private final Matcher matcher = new Matcher();

    /**
     * One row a target type, a target, a minion id, and whether they match: pcre is Python's
     * re.match (anchored at the start only), list is exact ids (salt/matchers/pcre_match.py,
     * list_match.py).
     */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # re.match: anchored at the start only.
            PCRE | web                          | web1.example.com | true
            PCRE | example                      | web1.example.com | false
            PCRE | .*example                    | web1.example.com | true
            PCRE | web\\d+$                     | web12            | true
            PCRE | web\\d+$                     | web12x           | false
            PCRE | '(web|db)[0-9]'              | db3              | true
            # Case-sensitive unless asked.
            PCRE | WEB                          | web1             | false
            PCRE | (?i)WEB                      | web1             | true
            # Python's named groups and back references.
            PCRE | '(?P<role>web|db)-(?P=role)' | web-web          | true
            PCRE | '(?P<role>web|db)-(?P=role)' | web-db           | false
            PCRE | (?P<my_role>web)\\d          | web1             | true
            # \\Z is the end of the string, as in Python.
            PCRE | web1\\Z                      | web1             | true
            # Syntax only Python has means what it means in Python.
            PCRE | a{,2}b                       | aab              | true
            PCRE | a{b                          | a{b              | true
            PCRE | x[[]y                        | x[y              | true
            PCRE | x[&&]y                       | x&y              | true
            PCRE | web(?#the role)1             | web1             | true
            # A list is exact ids from a comma-separated string.
            LIST | web1,web2,db1                | web2             | true
            LIST | web1                         | web1             | true
            LIST | web1,web2                    | web              | false
            LIST | web1,web2                    | web*             | false
            LIST | web*                         | web1             | false
            LIST | web1,web2                    | Web1             | false
            # Empty items are ignored.
            LIST | ',web1,,web2,'               | web2             | true
            LIST | ',,'                         | ''               | false
            """)
    void id(TargetType type, String target, String id, boolean matches) {
        assertEquals(matches, matcher.matches(target, type, MinionData.of(id)));
    }

    @Test
    void pcreDollarAlsoMatchesBeforeAFinalNewlineButBackslashZDoesNot() {
        assertFalse(matcher.matches("web1\\Z", TargetType.PCRE, MinionData.of("web1\n")));
        assertTrue(matcher.matches("web1$", TargetType.PCRE, MinionData.of("web1\n")));
    }

    @Test
    void invalidPcreIsAnErrorNamingTheTarget() {
        assertInvalid(matcher, "web(", TargetType.PCRE, "Invalid pcre target 'web('");
    }

    @Test
    void listMayBeGivenAsAList() {
        CompiledTarget t = matcher.compile(List.of("web1", "db1"), TargetType.LIST);
        assertTrue(t.matches(MinionData.of("db1")));
        assertFalse(t.matches(MinionData.of("db2")));
        assertThrows(TargetException.class, () -> matcher.compile(List.of("web1"), TargetType.GLOB));
    }
}
