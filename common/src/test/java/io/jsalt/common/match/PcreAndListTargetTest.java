package io.jsalt.common.match;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PcreAndListTargetTest {
    private final Matcher matcher = new Matcher();

    private boolean pcre(String tgt, String id) {
        return matcher.matches(tgt, TargetType.PCRE, MinionData.of(id));
    }

    private boolean list(String tgt, String id) {
        return matcher.matches(tgt, TargetType.LIST, MinionData.of(id));
    }

    @Test
    void pcreIsAnchoredAtTheStartOnlyLikeReMatch() {
        assertTrue(pcre("web", "web1.example.com"));
        assertFalse(pcre("example", "web1.example.com"));
        assertTrue(pcre(".*example", "web1.example.com"));
        assertTrue(pcre("web\\d+$", "web12"));
        assertFalse(pcre("web\\d+$", "web12x"));
        assertTrue(pcre("(web|db)[0-9]", "db3"));
    }

    @Test
    void pcreIsCaseSensitiveUnlessAsked() {
        assertFalse(pcre("WEB", "web1"));
        assertTrue(pcre("(?i)WEB", "web1"));
    }

    @Test
    void pcreAcceptsPythonNamedGroupsAndBackreferences() {
        assertTrue(pcre("(?P<role>web|db)-(?P=role)", "web-web"));
        assertFalse(pcre("(?P<role>web|db)-(?P=role)", "web-db"));
        assertTrue(pcre("(?P<my_role>web)\\d", "web1"));
    }

    @Test
    void pcreBackslashCapitalZIsEndOfStringAsInPython() {
        assertTrue(pcre("web1\\Z", "web1"));
        assertFalse(pcre("web1\\Z", "web1\n"));
        // Python's '$' also matches before a final newline.
        assertTrue(pcre("web1$", "web1\n"));
    }

    @Test
    void pcreTreatsPythonOnlySyntaxAsPythonDoes() {
        assertTrue(pcre("a{,2}b", "aab"));
        assertTrue(pcre("a{b", "a{b"));
        assertTrue(pcre("x[[]y", "x[y"));
        assertTrue(pcre("x[&&]y", "x&y"));
        assertTrue(pcre("web(?#the role)1", "web1"));
    }

    @Test
    void invalidPcreIsAnErrorNamingTheTarget() {
        TargetException e = assertThrows(TargetException.class, () -> matcher.compile("web(", TargetType.PCRE));
        assertTrue(e.getMessage().contains("Invalid pcre target 'web('"), e.getMessage());
    }

    @Test
    void listMatchesExactIdsFromACommaSeparatedString() {
        assertTrue(list("web1,web2,db1", "web2"));
        assertTrue(list("web1", "web1"));
        assertFalse(list("web1,web2", "web"));
        assertFalse(list("web1,web2", "web*"));
        assertFalse(list("web*", "web1"));
        assertFalse(list("web1,web2", "Web1"));
    }

    @Test
    void listIgnoresEmptyItems() {
        assertTrue(list(",web1,,web2,", "web2"));
        assertFalse(list(",,", ""));
    }

    @Test
    void listMayBeGivenAsAList() {
        CompiledTarget t = matcher.compile(List.of("web1", "db1"), TargetType.LIST);
        assertTrue(t.matches(MinionData.of("db1")));
        assertFalse(t.matches(MinionData.of("db2")));
        assertThrows(TargetException.class, () -> matcher.compile(List.of("web1"), TargetType.GLOB));
    }
}
