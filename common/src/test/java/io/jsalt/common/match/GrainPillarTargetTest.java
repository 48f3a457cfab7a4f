package io.jsalt.common.match;

import static io.jsalt.common.match.Minions.minion;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GrainPillarTargetTest {
    private final Matcher matcher = new Matcher();

    private static final MinionData WEB1 = minion("web1", """
            os: Debian
            os_family: Debian
            osrelease: '12'
            num_cpus: 4
            virtual: physical
            is_vm: true
            empty: {}
            nothing: null
            roles: [web, Frontend]
            url: 'http://example.com:8080/x'
            'weird:key': value
            ip_interfaces:
              eth0: [10.0.0.5]
            locale_info:
              defaultlanguage: en_US
              nested:
                deep: Bottom
            disks:
              - name: sda
                size: 100
              - name: sdb
            """, """
            role: web
            app:
              version: '1.2.3'
              features: [cache, Search]
            env: Production
            """);

    private boolean grain(String tgt) {
        return matcher.matches(tgt, TargetType.GRAIN, WEB1);
    }

    private boolean grainPcre(String tgt) {
        return matcher.matches(tgt, TargetType.GRAIN_PCRE, WEB1);
    }

    @Test
    void grainMatchesValueWithGlob() {
        assertTrue(grain("os:Debian"));
        assertTrue(grain("os:Deb*"));
        assertTrue(grain("os:*"));
        assertFalse(grain("os:Ubuntu"));
        assertFalse(grain("os:Deb"));
    }

    @Test
    void grainMatchingIgnoresCaseOfValueAndPattern() {
        assertTrue(grain("os:debian"));
        assertTrue(grain("os:DEBIAN"));
        assertTrue(grain("roles:frontend"));
    }

    @Test
    void grainKeysAreCaseSensitive() {
        assertFalse(grain("OS:Debian"));
    }

    @Test
    void grainListValueMatchesWhenAnyElementMatches() {
        assertTrue(grain("roles:web"));
        assertTrue(grain("roles:Front*"));
        assertFalse(grain("roles:db"));
    }

    @Test
    void grainNonStringValuesCompareAsPythonStr() {
        assertTrue(grain("num_cpus:4"));
        assertTrue(grain("osrelease:12"));
        assertTrue(grain("is_vm:True"));
        assertTrue(grain("is_vm:true"));
        assertTrue(grain("nothing:None"));
    }

    @Test
    void missingGrainDoesNotMatch() {
        assertFalse(grain("kernel:Linux"));
        assertFalse(grain("kernel:*"));
        assertFalse(grain("locale_info:missing:x"));
    }

    @Test
    void emptyDictValueNeverMatches() {
        assertFalse(grain("empty:*"));
    }

    @Test
    void nestedGrainsAreWalkedByDelimiter() {
        assertTrue(grain("locale_info:defaultlanguage:en_US"));
        assertTrue(grain("locale_info:nested:deep:bottom"));
        assertTrue(grain("ip_interfaces:eth0:10.0.0.*"));
        assertFalse(grain("locale_info:defaultlanguage:de_DE"));
    }

    @Test
    void dictValueMatchesOnKeyNameOrStar() {
        // Salt: 'key:subkey' is true when the dict under key has subkey.
        assertTrue(grain("locale_info:defaultlanguage"));
        assertTrue(grain("locale_info:*"));
        assertFalse(grain("locale_info:other"));
    }

    @Test
    void valueMayContainTheDelimiter() {
        assertTrue(grain("url:http://example.com:8080/x"));
        assertTrue(grain("url:http://*:8080/*"));
    }

    @Test
    void keyContainingTheDelimiterNeedsAnotherDelimiter() {
        // Salt re-splits the key part while walking, so only values may hold the delimiter.
        assertFalse(grain("weird:key:value"));
        assertTrue(matcher.compile("weird:key|val*", TargetType.GRAIN, "|").matches(WEB1));
    }

    @Test
    void listOfDictsIsSearchedByKeyAndIndex() {
        assertTrue(grain("disks:name:sda"));
        assertTrue(grain("disks:name:sdb"));
        assertTrue(grain("disks:0:size:100"));
        assertTrue(grain("disks:-1:name:sdb"));
        assertFalse(grain("disks:5:name:sda"));
    }

    @Test
    void wildcardKeySearchesTheValuesOneLevelDown() {
        assertTrue(grain("locale_info:*:en_US"));
        assertFalse(grain("locale_info:*:fr_FR"));
        // Below that only key names count, as in Salt's _dict_match.
        assertTrue(grain("locale_info:*:deep"));
        assertFalse(grain("locale_info:*:bottom"));
    }

    @Test
    void starKeyMatchesAnyTopLevelKey() {
        assertTrue(grain("*:Debian"));
        assertTrue(grain("*:physical"));
        assertFalse(grain("*:Gentoo"));
    }

    @Test
    void customDelimiterSplitsKeys() {
        CompiledTarget t = matcher.compile("locale_info|defaultlanguage|en_*", TargetType.GRAIN, "|");
        assertTrue(t.matches(WEB1));
        assertTrue(matcher.compile("url|http://example.com:8080/x", TargetType.GRAIN, "|").matches(WEB1));
        assertFalse(matcher.compile("os|Ubuntu", TargetType.GRAIN, "|").matches(WEB1));
    }

    @Test
    void grainTargetWithoutDelimiterIsAnError() {
        TargetException e = assertThrows(TargetException.class, () -> matcher.compile("os", TargetType.GRAIN));
        assertTrue(e.getMessage().contains("'os'"), e.getMessage());
    }

    @Test
    void grainPcreMatchesValueWithRegexFromTheStart() {
        assertTrue(grainPcre("os:Deb.*"));
        assertTrue(grainPcre("os:deb"));
        assertFalse(grainPcre("os:ian"));
        assertTrue(grainPcre("os:(Debian|Ubuntu)$"));
        assertTrue(grainPcre("roles:front"));
        assertTrue(grainPcre("num_cpus:\\d"));
        assertTrue(grainPcre("ip_interfaces:eth0:10\\.0\\.0\\.\\d+"));
    }

    @Test
    void grainPcreKeepsUppercaseEscapesMeaningful() {
        // Salt lowercases the regex, turning \D into \d; here \D still means non-digit.
        assertTrue(grainPcre("os:\\D+$"));
        assertFalse(grainPcre("num_cpus:\\D"));
    }

    @Test
    void grainPcreToleratesAnInvalidSplitWhenAnotherIsValid() {
        // Split after 'url:h(ttp' the regex '.*)' is invalid; after 'url' it is valid.
        assertTrue(grainPcre("url:h(ttp:.*)"));
        assertThrows(TargetException.class, () -> matcher.compile("url:http:(x", TargetType.GRAIN_PCRE));
        TargetException e = assertThrows(TargetException.class, () -> matcher.compile("os:Deb(", TargetType.GRAIN_PCRE));
        assertTrue(e.getMessage().contains("os:Deb("), e.getMessage());
    }

    @Test
    void pillarMatchesLikeGrainsAgainstPillar() {
        assertTrue(matcher.matches("role:web", TargetType.PILLAR, WEB1));
        assertTrue(matcher.matches("app:features:search", TargetType.PILLAR, WEB1));
        assertTrue(matcher.matches("app:version:1.2.*", TargetType.PILLAR, WEB1));
        assertFalse(matcher.matches("os:Debian", TargetType.PILLAR, WEB1));
    }

    @Test
    void pillarPcreUsesRegex() {
        assertTrue(matcher.matches("app:version:1\\.2\\.\\d", TargetType.PILLAR_PCRE, WEB1));
        assertFalse(matcher.matches("app:version:2", TargetType.PILLAR_PCRE, WEB1));
    }

    @Test
    void pillarExactComparesWholeValueIgnoringCaseWithoutGlobbing() {
        assertTrue(matcher.matches("env:Production", TargetType.PILLAR_EXACT, WEB1));
        assertTrue(matcher.matches("env:production", TargetType.PILLAR_EXACT, WEB1));
        assertFalse(matcher.matches("env:Prod*", TargetType.PILLAR_EXACT, WEB1));
        assertFalse(matcher.matches("app:version:1.2.*", TargetType.PILLAR_EXACT, WEB1));
        assertTrue(matcher.matches("app:features:cache", TargetType.PILLAR_EXACT, WEB1));
    }

    @Test
    void minionWithoutGrainsMatchesNoGrainTarget() {
        assertFalse(matcher.matches("os:*", TargetType.GRAIN, new MinionData("x", null, null)));
    }
}
