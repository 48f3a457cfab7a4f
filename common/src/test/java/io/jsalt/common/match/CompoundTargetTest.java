package io.jsalt.common.match;

import static io.jsalt.common.match.Minions.assertInvalid;
import static io.jsalt.common.match.Minions.minion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompoundTargetTest {
    private final Matcher matcher = new Matcher();

    private static final MinionData WEB1 = minion("web1.example.com", """
            os: Debian
            roles: [web]
            ipv4: [10.0.0.5]
            """, "env: prod\napp: {tier: front}");
    private static final MinionData DB1 = minion("db1.example.com", """
            os: Ubuntu
            roles: [db]
            ipv4: [10.0.1.7]
            """, "env: staging");
    private static final List<MinionData> ALL = List.of(WEB1, DB1);

    private List<String> select(String tgt) {
        return matcher.compile(tgt, TargetType.COMPOUND).select(ALL);
    }

    private boolean matches(String tgt, MinionData m) {
        return matcher.matches(tgt, TargetType.COMPOUND, m);
    }

    @Test
    void bareWordIsAGlobOnTheId() {
        assertEquals(List.of("web1.example.com"), select("web*"));
        assertEquals(List.of("web1.example.com", "db1.example.com"), select("*.example.com"));
    }

    /** One row a compound target, a minion of ALL, and whether it matches (salt/matchers/compound_match.py). */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # Every engine works inside a compound.
            G@os:Debian           | web1.example.com | true
            `P@os:(Deb|Ubu)`      | db1.example.com  | true
            I@env:prod            | web1.example.com | true
            J@env:stag.*          | db1.example.com  | true
            L@x,db1.example.com   | db1.example.com  | true
            S@10.0.1.0/24         | db1.example.com  | true
            S@10.0.1.0/24         | web1.example.com | false
            E@web\\d              | web1.example.com | true
            I@app:tier:front      | web1.example.com | true
            # A word may name its own delimiter.
            G;@os;Debian          | web1.example.com | true
            `I|@app|tier|front`   | web1.example.com | true
            G;@os;Ubuntu          | web1.example.com | false
            # Regex words may contain parentheses.
            `E@(web|db)1 and P@os:(Debian)` | web1.example.com | true
            """)
    void word(String target, String id, boolean matches) {
        MinionData m = ALL.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
        assertEquals(matches, matches(target, m));
    }

    @Test
    void andOrNotCombine() {
        assertEquals(List.of("web1.example.com"), select("G@os:Debian and *.example.com"));
        assertEquals(List.of("web1.example.com", "db1.example.com"), select("G@os:Debian or G@os:Ubuntu"));
        assertEquals(List.of("db1.example.com"), select("not G@os:Debian"));
        assertEquals(List.of("db1.example.com"), select("*.example.com and not web*"));
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        // a or b and not c == a or (b and (not c))
        MinionData m = MinionData.of("m");
        assertTrue(matches("m or nomatch and not m", m));
        assertFalse(matches("( m or nomatch ) and not m", m));
        assertTrue(matches("nomatch or m and not nomatch", m));
        assertFalse(matches("nomatch or m and not m", m));
        // not a and b == (not a) and b
        assertTrue(matches("not nomatch and m", m));
        assertFalse(matches("not m and m", m));
        assertFalse(matches("not ( nomatch or m )", m));
        assertTrue(matches("not not m", m));
    }

    @Test
    void parenthesesGroupAndNest() {
        assertEquals(List.of("web1.example.com"),
                select("( G@os:Debian or G@os:Gentoo ) and ( I@env:prod or L@nobody )"));
        assertEquals(List.of("db1.example.com"), select("not ( ( web* ) )"));
        assertEquals(List.of(), select("( web* and ( db* or G@os:Ubuntu ) )"));
    }

    @Test
    void notAfterATargetMeansAndNot() {
        // Salt inserts the 'and': "web* not G@os:Ubuntu" is "web* and not G@os:Ubuntu".
        assertEquals(List.of("web1.example.com"), select("*.example.com not G@os:Ubuntu"));
    }

    @Test
    void compoundMayBeGivenAsAListOfWords() {
        CompiledTarget t = matcher.compile(List.of("G@os:Debian", "or", "L@db1.example.com"), TargetType.COMPOUND);
        assertEquals(List.of("web1.example.com", "db1.example.com"), t.select(ALL));
    }

    @Test
    void extraWhitespaceIsIgnored() {
        assertTrue(matches("  web*   and\tG@os:Debian \n", WEB1));
    }

    /**
     * One row a compound target that is an error, and a part of the message, which always
     * starts with "Invalid compound target: " and the target.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # Malformed expressions.
            and web*               | Invalid beginning operator: and
            ( or web* )            | Invalid beginning operator after "(": or
            web* and               | dangling operator 'and'
            web* or not            | dangling operator 'not'
            ( web* or db*          | unbalanced parentheses
            web* )                 | unexpected right parenthesis
            ( web* ) )             | unexpected right parenthesis
            web* db*               | missing operator before 'db*'
            ( )                    | empty parentheses
            web* and or db*        | operator 'or'
            ``                     | empty expression
            # Unknown or empty engine prefixes.
            X@foo and web*         | Unrecognized target engine "X" for target expression "X@foo"
            G@ or web*             | Empty pattern
            R@%cluster             | Range matcher unavailable
            # Parentheses glued to words.
            (web* or db*)          | parentheses must be separated by spaces
            # Errors inside a word name the compound.
            E@web( or db*          | Invalid pcre target 'web('
            S@10.0.0.300 or db*    | Invalid IP/CIDR target: 10.0.0.300
            # A nodegroup word without nodegroups.
            N@web and db*          | unknown nodegroup "web"
            """)
    void invalid(String tgt, String detail) {
        TargetException e = assertInvalid(matcher, tgt, TargetType.COMPOUND, detail);
        assertTrue(e.getMessage().startsWith("Invalid compound target: " + tgt), e.getMessage());
    }

    @Test
    void grainOrPillarWordWithoutDelimiterIsFalse() {
        // Salt's grain_match and pillar_match return False for a word without the delimiter
        // and compound_match evaluates the rest (salt/matchers/grain_match.py,
        // salt/matchers/pillar_match.py, salt/matchers/compound_match.py).
        assertEquals(List.of(), select("G@os and web*"));
        assertEquals(List.of("web1.example.com"), select("G@os or web*"));
        assertEquals(List.of("web1.example.com", "db1.example.com"), select("not I@env"));
        assertEquals(List.of("db1.example.com"), select("J@nothing or P@os:Ubu"));
    }
}
