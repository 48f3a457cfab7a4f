package io.jsalt.common.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobTargetTest {
    private final Matcher matcher = new Matcher();

    private boolean glob(String tgt, String id) {
        return matcher.matches(tgt, TargetType.GLOB, MinionData.of(id));
    }

    @Test
    void globMatchesIdWithWildcard() {
        assertTrue(glob("web*", "web1.example.com"));
        assertTrue(glob("*", "anything"));
        assertTrue(glob("*.example.com", "db1.example.com"));
        assertTrue(glob("web*.example.*", "web01.example.org"));
        assertFalse(glob("web*", "db1"));
    }

    @Test
    void globWithoutWildcardsIsExactAndWholeString() {
        assertTrue(glob("web1", "web1"));
        assertFalse(glob("web1", "web10"));
        assertFalse(glob("web", "web1"));
    }

    @Test
    void globIsCaseSensitiveAsOnPosix() {
        assertFalse(glob("Web*", "web1"));
        assertFalse(glob("WEB1", "web1"));
    }

    @Test
    void questionMarkMatchesExactlyOneCharacter() {
        assertTrue(glob("web?", "web1"));
        assertFalse(glob("web?", "web"));
        assertFalse(glob("web?", "web12"));
    }

    @Test
    void bracketsMatchSetsRangesAndNegations() {
        assertTrue(glob("web[12]", "web2"));
        assertFalse(glob("web[12]", "web3"));
        assertTrue(glob("web[0-9][0-9]", "web42"));
        assertFalse(glob("web[0-9]", "weba"));
        assertTrue(glob("web[!0-9]", "weba"));
        assertFalse(glob("web[!0-9]", "web5"));
        assertTrue(glob("web[a-c-]", "web-"));
    }

    @Test
    void bracketEdgeCasesFollowPythonFnmatch() {
        // ']' first in a set is a literal, an unclosed '[' is a literal.
        assertTrue(glob("a[]]b", "a]b"));
        assertTrue(glob("a[!]]b", "axb"));
        assertTrue(glob("web[1", "web[1"));
        // A reversed range is empty: never matches; negated it matches any character.
        assertFalse(glob("a[z-a]", "am"));
        assertTrue(glob("a[!z-a]", "am"));
    }

    @Test
    void regexMetacharactersAreLiteral() {
        assertTrue(glob("web.1", "web.1"));
        assertFalse(glob("web.1", "webx1"));
        assertTrue(glob("a+b(c)|d$", "a+b(c)|d$"));
        assertTrue(glob("a\\b*", "a\\bc"));
    }

    @Test
    void starMatchesNewlinesAndEmpty() {
        assertTrue(glob("a*b", "ab"));
        assertTrue(glob("a*b", "a\nb"));
        assertTrue(glob("*fix", "suffix"));
    }

    @Test
    void selectKeepsTheOrderGiven() {
        CompiledTarget t = matcher.compile("web*", TargetType.GLOB);
        List<MinionData> ms = List.of(MinionData.of("web2"), MinionData.of("db1"), MinionData.of("web1"));
        assertEquals(List.of("web2", "web1"), t.select(ms));
    }
}
