package io.jsalt.common.match;

import static io.jsalt.common.match.Minions.assertInvalid;
import static io.jsalt.common.match.Minions.minion;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * One row a target: its type, the target, and whether WEB1 matches it. The grain and
     * pillar rules follow salt/matchers/grain_match.py, grain_pcre_match.py, pillar_match.py,
     * pillar_pcre_match.py, pillar_exact_match.py and salt/utils/data.py subdict_match.
     */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # The value is matched with a glob.
            GRAIN        | os:Debian                              | true
            GRAIN        | os:Deb*                                | true
            GRAIN        | os:*                                   | true
            GRAIN        | os:Ubuntu                              | false
            GRAIN        | os:Deb                                 | false
            # The case of value and pattern is ignored; the case of keys is not.
            GRAIN        | os:debian                              | true
            GRAIN        | os:DEBIAN                              | true
            GRAIN        | roles:frontend                         | true
            GRAIN        | OS:Debian                              | false
            # A list value matches when any element matches.
            GRAIN        | roles:web                              | true
            GRAIN        | roles:Front*                           | true
            GRAIN        | roles:db                               | false
            # Values that are not strings compare as Python's str() of them.
            GRAIN        | num_cpus:4                             | true
            GRAIN        | osrelease:12                           | true
            GRAIN        | is_vm:True                             | true
            GRAIN        | is_vm:true                             | true
            GRAIN        | nothing:None                           | true
            # A missing grain does not match, and an empty dict never does.
            GRAIN        | kernel:Linux                           | false
            GRAIN        | kernel:*                               | false
            GRAIN        | locale_info:missing:x                  | false
            GRAIN        | empty:*                                | false
            # Nested grains are walked by the delimiter.
            GRAIN        | locale_info:defaultlanguage:en_US      | true
            GRAIN        | locale_info:nested:deep:bottom         | true
            GRAIN        | ip_interfaces:eth0:10.0.0.*            | true
            GRAIN        | locale_info:defaultlanguage:de_DE      | false
            # Salt: 'key:subkey' is true when the dict under key has subkey.
            GRAIN        | locale_info:defaultlanguage            | true
            GRAIN        | locale_info:*                          | true
            GRAIN        | locale_info:other                      | false
            # The value may contain the delimiter ...
            GRAIN        | url:http://example.com:8080/x          | true
            GRAIN        | url:http://*:8080/*                    | true
            # ... but Salt re-splits the key part while walking, so a key may not.
            GRAIN        | weird:key:value                        | false
            # A list of dicts is searched by key and by index.
            GRAIN        | disks:name:sda                         | true
            GRAIN        | disks:name:sdb                         | true
            GRAIN        | disks:0:size:100                       | true
            GRAIN        | disks:-1:name:sdb                      | true
            GRAIN        | disks:5:name:sda                       | false
            # A wildcard key searches the values one level down; below that only key
            # names count, as in Salt's _dict_match.
            GRAIN        | locale_info:*:en_US                    | true
            GRAIN        | locale_info:*:fr_FR                    | false
            GRAIN        | locale_info:*:deep                     | true
            GRAIN        | locale_info:*:bottom                   | false
            # A star key matches any top-level key.
            GRAIN        | *:Debian                               | true
            GRAIN        | *:physical                             | true
            GRAIN        | *:Gentoo                               | false
            # grain_pcre matches the value with a regex from the start.
            GRAIN_PCRE   | os:Deb.*                               | true
            GRAIN_PCRE   | os:deb                                 | true
            GRAIN_PCRE   | os:ian                                 | false
            GRAIN_PCRE   | 'os:(Debian|Ubuntu)$'                  | true
            GRAIN_PCRE   | roles:front                            | true
            GRAIN_PCRE   | num_cpus:\\d                           | true
            GRAIN_PCRE   | ip_interfaces:eth0:10\\.0\\.0\\.\\d+   | true
            # Salt lowercases the regex, turning \\D into \\d; here \\D still means non-digit.
            GRAIN_PCRE   | os:\\D+$                               | true
            GRAIN_PCRE   | num_cpus:\\D                           | false
            # Split after 'url:h(ttp' the regex '.*)' is invalid; after 'url' it is valid.
            GRAIN_PCRE   | url:h(ttp:.*)                          | true
            # pillar matches like grain, against the pillar.
            PILLAR       | role:web                               | true
            PILLAR       | app:features:search                    | true
            PILLAR       | app:version:1.2.*                      | true
            PILLAR       | os:Debian                              | false
            PILLAR_PCRE  | app:version:1\\.2\\.\\d                | true
            PILLAR_PCRE  | app:version:2                          | false
            # pillar_exact compares the whole value, ignoring case, without globbing.
            PILLAR_EXACT | env:Production                         | true
            PILLAR_EXACT | env:production                         | true
            PILLAR_EXACT | env:Prod*                              | false
            PILLAR_EXACT | app:version:1.2.*                      | false
            PILLAR_EXACT | app:features:cache                     | true
            """)
    void web1(TargetType type, String target, boolean matches) {
        assertEquals(matches, matcher.matches(target, type, WEB1));
    }

    @Test
    void keyContainingTheDelimiterNeedsAnotherDelimiter() {
        assertTrue(matcher.compile("weird:key|val*", TargetType.GRAIN, "|").matches(WEB1));
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
        assertInvalid(matcher, "os", TargetType.GRAIN, "'os'");
    }

    @Test
    void grainPcreWithNoValidSplitIsAnError() {
        assertThrows(TargetException.class, () -> matcher.compile("url:http:(x", TargetType.GRAIN_PCRE));
        assertInvalid(matcher, "os:Deb(", TargetType.GRAIN_PCRE, "os:Deb(");
    }

    @Test
    void minionWithoutGrainsMatchesNoGrainTarget() {
        assertFalse(matcher.matches("os:*", TargetType.GRAIN, new MinionData("x", null, null)));
    }
}
