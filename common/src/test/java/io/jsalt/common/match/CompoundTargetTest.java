package io.jsalt.common.match;

import static io.jsalt.common.match.Minions.minion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

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

    @Test
    void everyEngineWorksInsideACompound() {
        assertTrue(matches("G@os:Debian", WEB1));
        assertTrue(matches("P@os:(Deb|Ubu)", DB1));
        assertTrue(matches("I@env:prod", WEB1));
        assertTrue(matches("J@env:stag.*", DB1));
        assertTrue(matches("L@x,db1.example.com", DB1));
        assertTrue(matches("S@10.0.1.0/24", DB1));
        assertFalse(matches("S@10.0.1.0/24", WEB1));
        assertTrue(matches("E@web\\d", WEB1));
        assertTrue(matches("I@app:tier:front", WEB1));
    }

    @Test
    void wordMayNameItsOwnDelimiter() {
        assertTrue(matches("G;@os;Debian", WEB1));
        assertTrue(matches("I|@app|tier|front", WEB1));
        assertFalse(matches("G;@os;Ubuntu", WEB1));
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

    private void assertInvalid(String tgt, String detail) {
        TargetException e = assertThrows(TargetException.class, () -> matcher.compile(tgt, TargetType.COMPOUND));
        assertTrue(e.getMessage().startsWith("Invalid compound target: " + tgt), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage());
    }

    @Test
    void malformedExpressionsAreErrorsNamingTheTarget() {
        assertInvalid("and web*", "Invalid beginning operator: and");
        assertInvalid("( or web* )", "Invalid beginning operator after \"(\": or");
        assertInvalid("web* and", "dangling operator 'and'");
        assertInvalid("web* or not", "dangling operator 'not'");
        assertInvalid("( web* or db*", "unbalanced parentheses");
        assertInvalid("web* )", "unexpected right parenthesis");
        assertInvalid("( web* ) )", "unexpected right parenthesis");
        assertInvalid("web* db*", "missing operator before 'db*'");
        assertInvalid("( )", "empty parentheses");
        assertInvalid("web* and or db*", "operator 'or'");
        assertInvalid("", "empty expression");
    }

    @Test
    void unknownOrEmptyEnginePrefixIsAnError() {
        assertInvalid("X@foo and web*", "Unrecognized target engine \"X\" for target expression \"X@foo\"");
        assertInvalid("G@ or web*", "Empty pattern");
        assertInvalid("R@%cluster", "Range matcher unavailable");
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

    @Test
    void parenthesesGluedToWordsAreAnError() {
        assertInvalid("(web* or db*)", "parentheses must be separated by spaces");
    }

    @Test
    void regexWordsMayContainParentheses() {
        assertTrue(matches("E@(web|db)1 and P@os:(Debian)", WEB1));
    }

    @Test
    void errorsInsideAWordNameTheCompound() {
        assertInvalid("E@web( or db*", "Invalid pcre target 'web('");
        assertInvalid("S@10.0.0.300 or db*", "Invalid IP/CIDR target: 10.0.0.300");
    }

    @Test
    void nodegroupWordWithoutNodegroupsIsAnError() {
        assertInvalid("N@web and db*", "unknown nodegroup \"web\"");
    }
}
