package io.jsalt.common.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MatcherTest {
    @Test
    void fromSaltAcceptsEverySaltName() {
        assertSame(TargetType.GLOB, TargetType.fromSalt("glob"));
        assertSame(TargetType.PCRE, TargetType.fromSalt("pcre"));
        assertSame(TargetType.LIST, TargetType.fromSalt("list"));
        assertSame(TargetType.GRAIN, TargetType.fromSalt("grain"));
        assertSame(TargetType.GRAIN_PCRE, TargetType.fromSalt("grain_pcre"));
        assertSame(TargetType.PILLAR, TargetType.fromSalt("pillar"));
        assertSame(TargetType.PILLAR_PCRE, TargetType.fromSalt("pillar_pcre"));
        assertSame(TargetType.PILLAR_EXACT, TargetType.fromSalt("pillar_exact"));
        assertSame(TargetType.IPCIDR, TargetType.fromSalt("ipcidr"));
        assertSame(TargetType.COMPOUND, TargetType.fromSalt("compound"));
        assertSame(TargetType.NODEGROUP, TargetType.fromSalt("nodegroup"));
        for (TargetType t : TargetType.values()) {
            assertSame(t, TargetType.fromSalt(t.saltName()));
        }
    }

    @Test
    void fromSaltRejectsUnknownNamesListingTheValidOnes() {
        TargetException e = assertThrows(TargetException.class, () -> TargetType.fromSalt("grains"));
        assertTrue(e.getMessage().startsWith("Unknown target type 'grains'"), e.getMessage());
        assertTrue(e.getMessage().contains("grain_pcre"), e.getMessage());
        assertThrows(TargetException.class, () -> TargetType.fromSalt("Glob"));
        assertThrows(TargetException.class, () -> TargetType.fromSalt(null));
    }

    @Test
    void topFilesDefaultToCompound() {
        assertSame(TargetType.COMPOUND, TargetType.TOP_FILE_DEFAULT);
    }

    @Test
    void compiledTargetRemembersWhatItWasCompiledFrom() {
        CompiledTarget t = new Matcher().compile("G@os:Debian", TargetType.COMPOUND);
        assertEquals("G@os:Debian", t.target());
        assertSame(TargetType.COMPOUND, t.type());
        assertEquals("compound target 'G@os:Debian'", t.toString());
    }

    @Test
    void nullTargetIsAnError() {
        assertThrows(TargetException.class, () -> new Matcher().compile((String) null, TargetType.GLOB));
    }

    @Test
    void matchesReusesCompiledTargetsAndStillReportsErrors() {
        Matcher m = new Matcher();
        MinionData web = MinionData.of("web1");
        for (int i = 0; i < 3; i++) {
            assertTrue(m.matches("web*", TargetType.GLOB, web));
            assertFalse(m.matches("web*", TargetType.PCRE, MinionData.of("db")));
        }
        for (int i = 0; i < 3; i++) {
            assertThrows(TargetException.class, () -> m.matches("( web*", TargetType.COMPOUND, web));
        }
    }

    @Test
    void matchesWithDelimiterCachesPerDelimiter() {
        Matcher m = new Matcher();
        MinionData x = new MinionData("x", Minions.yaml("a: {b: c}"), null);
        assertTrue(m.matches("a:b:c", TargetType.GRAIN, ":", x));
        assertFalse(m.matches("a:b|c", TargetType.GRAIN, "|", x));
        assertTrue(m.matches("a|b|c", TargetType.GRAIN, "|", x));
    }
}
