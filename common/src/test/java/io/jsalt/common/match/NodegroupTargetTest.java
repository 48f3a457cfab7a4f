package io.jsalt.common.match;

import static io.jsalt.common.match.Minions.assertInvalid;
import static io.jsalt.common.match.Minions.minion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodegroupTargetTest {
    private static final MinionData WEB1 = minion("web1", "os: Debian\nroles: [web]");
    private static final MinionData WEB2 = minion("web2", "os: Ubuntu\nroles: [web]");
    private static final MinionData DB1 = minion("db1", "os: Debian\nroles: [db]");
    private static final MinionData MAIL = minion("mail", "os: Debian\nroles: [mail]");
    private static final List<MinionData> ALL = List.of(WEB1, WEB2, DB1, MAIL);

    private final Matcher matcher = new Matcher(Minions.yaml("""
            webs: 'G@roles:web'
            debian: 'G@os:Debian'
            debian_webs: 'N@webs and N@debian'
            either: 'G@roles:db or G@roles:mail'
            ids: 'web1,db1'
            id_list: [web2, mail]
            regexy: 'web\\d'
            globby: 'web*'
            as_words: [G@os:Debian, and, not, L@mail]
            deep: 'N@debian_webs or L@mail'
            self: 'web* or N@self'
            loop_a: 'N@loop_b'
            loop_b: 'N@loop_a'
            dangling: 'N@nosuch or web*'
            empty: ''
            numeric: 42
            """));

    private List<String> nodegroup(String name) {
        return matcher.compile(name, TargetType.NODEGROUP).select(ALL);
    }

    private List<String> compound(String tgt) {
        return matcher.compile(tgt, TargetType.COMPOUND).select(ALL);
    }

    @Test
    void nodegroupIsACompoundTargetByName() {
        assertEquals(List.of("web1", "web2"), nodegroup("webs"));
        assertEquals(List.of("db1", "mail"), nodegroup("either"));
        assertEquals(List.of("web1", "db1"), nodegroup("as_words"));
    }

    @Test
    void plainIdsAreAList() {
        assertEquals(List.of("web1", "db1"), nodegroup("ids"));
        assertEquals(List.of("web2", "mail"), nodegroup("id_list"));
    }

    @Test
    void wordsWithRegexCharactersAreARegexAndWildcardsAGlob() {
        assertEquals(List.of("web1", "web2"), nodegroup("regexy"));
        assertEquals(List.of("web1", "web2"), nodegroup("globby"));
    }

    @Test
    void nestedNodegroupsExpand() {
        assertEquals(List.of("web1"), nodegroup("debian_webs"));
        assertEquals(List.of("web1", "mail"), nodegroup("deep"));
    }

    @Test
    void nodegroupInsideACompoundKeepsItsOwnPrecedence() {
        // 'either' is "G@roles:db or G@roles:mail"; pasted bare, "and" would bind to mail only.
        assertEquals(List.of("db1"), compound("N@either and not L@mail"));
        assertEquals(List.of("db1"), compound("not L@mail and N@either"));
        assertEquals(List.of("web2"), compound("N@webs and not N@debian"));
    }

    @Test
    void emptyNodegroupMatchesNoOne() {
        assertEquals(List.of(), nodegroup("empty"));
        assertEquals(List.of("web1", "web2"), compound("N@empty or web*"));
    }

    @Test
    void unknownNodegroupIsAnErrorNamingIt() {
        TargetException e = assertThrows(TargetException.class, () -> matcher.compile("nosuch", TargetType.NODEGROUP));
        assertEquals("Failed nodegroup expansion: unknown nodegroup \"nosuch\"", e.getMessage());
        assertInvalid(matcher, "dangling", TargetType.NODEGROUP, "unknown nodegroup \"nosuch\"");
    }

    @Test
    void recursiveNodegroupsAreAnError() {
        assertInvalid(matcher, "self", TargetType.NODEGROUP, "illegal nested nodegroup \"self\"");
        assertInvalid(matcher, "N@loop_a", TargetType.COMPOUND, "illegal nested nodegroup \"loop_a\"");
    }

    @Test
    void aNodegroupMayBeUsedTwice() {
        assertEquals(List.of("web1", "web2"), compound("N@webs or ( N@webs and N@debian )"));
    }

    @Test
    void nodegroupOfTheWrongShapeIsAnError() {
        assertInvalid(matcher, "numeric", TargetType.NODEGROUP, "is neither a string, list nor tuple");
    }

    @Test
    void noNodegroupsConfiguredMeansEveryNameIsUnknown() {
        assertThrows(TargetException.class, () -> new Matcher(null).compile("webs", TargetType.NODEGROUP));
    }
}
