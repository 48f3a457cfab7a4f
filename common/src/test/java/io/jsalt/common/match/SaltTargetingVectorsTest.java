package io.jsalt.common.match;

import static io.jsalt.common.match.Minions.minion;
import static io.jsalt.common.match.Minions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Salt's own targeting test vectors, with their expectations unchanged. Each source names the
 * Salt test function it comes from (repository saltstack/salt). Where Salt's matcher quietly
 * returns False for a malformed target, jsalt refuses the target with a message; both mean the
 * minion is not targeted, so those vectors accept either (docs/targeting.md, "Differences
 * from Salt"). Vectors that pass a non-string target or a missing minion id (None, 12345) have
 * no counterpart in a typed API and are left out; docs/targeting.md lists them.
 */
class SaltTargetingVectorsTest {
    private final Matcher matcher = new Matcher();

    /** Whether the target selects the minion; a refused target selects no one. */
    private boolean targeted(String tgt, TargetType type, MinionData m) {
        try {
            return matcher.compile(tgt, type).matches(m);
        } catch (TargetException e) {
            return false;
        }
    }

    private List<String> select(String tgt, TargetType type, List<MinionData> minions) {
        try {
            return matcher.compile(tgt, type).select(minions);
        } catch (TargetException e) {
            return List.of();
        }
    }

    // tests/pytests/unit/matchers/test_compound_match.py::test_compound_match

    private static final MinionData COMPOUND_MINION =
            minion("minion1", "example-grain: true", "example-pillar: true");

    static Stream<Arguments> compoundMatch() {
        return Stream.of(
                Arguments.of("minion1", true),
                Arguments.of("minion2", false),
                Arguments.of("G@example-grain:True and I@example-pillar:True", true),
                Arguments.of("G@example-grain:True or I@false", true),
                Arguments.of("G@example-grain:True and I@false", false),
                Arguments.of("not G@false", true),
                Arguments.of("( G@example-grain:True or I@false ) and G@example-grain:True", true),
                Arguments.of("(G@example-grain:True or I@false) and G@example-grain:True", false),
                Arguments.of("and true", false),
                Arguments.of("G@true and (I@true", false),
                Arguments.of("G@unknown:engine", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("compoundMatch")
    void testCompoundMatch(String tgt, boolean expected) {
        assertEquals(expected, targeted(tgt, TargetType.COMPOUND, COMPOUND_MINION));
    }

    @Test
    void testCompoundMatchListInput() {
        // The list form of the same function's vectors: ["G@example-grain:True", "and", ...].
        assertTrue(matcher.compile(List.of("G@example-grain:True", "and", "I@example-pillar:True"),
                TargetType.COMPOUND).matches(COMPOUND_MINION));
    }

    // tests/pytests/unit/matchers/test_glob_match.py::test_glob_match_logic

    static Stream<Arguments> globMatchLogic() {
        return Stream.of(
                Arguments.of("*", "any_id", true),
                Arguments.of("*", "", true),
                Arguments.of("?", "a", true),
                Arguments.of("?", "ab", false),
                Arguments.of("t?st", "test", true),
                Arguments.of("t?st", "tst", false),
                Arguments.of("t?st", "teest", false),
                Arguments.of("[a-z]abc", "xabc", true),
                Arguments.of("[a-z]abc", "1abc", false),
                Arguments.of("[0-9]abc", "1abc", true),
                Arguments.of("[0-9]abc", "aabc", false),
                Arguments.of("[a-z][0-9]", "a1", true),
                Arguments.of("[a-z][0-9]", "ab", false),
                Arguments.of("[a-z][0-9]", "11", false),
                Arguments.of("web*", "web01", true),
                Arguments.of("web*", "web_server", true),
                Arguments.of("web*", "other_web", false),
                Arguments.of("*web", "other_web", true),
                Arguments.of("*web", "web_only", false),
                Arguments.of("", "", true),
                Arguments.of("", "something", false),
                Arguments.of("something*", "", false),
                // test_glob_match.py::test_glob_match_regex_safety
                Arguments.of("a.b", "a.b", true),
                Arguments.of("a.b", "axb", false),
                Arguments.of("a+b", "a+b", true),
                Arguments.of("a+b", "ab", false),
                Arguments.of("a(b)c", "a(b)c", true),
                Arguments.of("a(b)c", "abc", false));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("globMatchLogic")
    void testGlobMatch(String pattern, String id, boolean expected) {
        assertEquals(expected, targeted(pattern, TargetType.GLOB, MinionData.of(id)));
    }

    // tests/pytests/unit/matchers/test_ipcidr_match.py

    private static MinionData withIps(String ipv4Yaml) {
        return new MinionData("minion", ipv4Yaml == null ? Map.of() : yaml("ipv4: " + ipv4Yaml), Map.of());
    }

    static Stream<Arguments> ipcidrMatch() {
        return Stream.of(
                Arguments.of("test_match_ipv4_address_hit", "[192.168.1.1, 10.0.0.1]", "192.168.1.1", true),
                Arguments.of("test_match_ipv4_address_miss", "[192.168.1.2]", "192.168.1.1", false),
                Arguments.of("test_match_ipv4_cidr_hit", "[192.168.1.5]", "192.168.1.0/24", true),
                Arguments.of("test_match_ipv4_cidr_miss", "[10.0.0.1]", "192.168.1.0/24", false),
                Arguments.of("test_match_proto_not_in_grains", null, "192.168.1.1", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipcidrMatch")
    void testIpcidrMatch(String saltTest, String ipv4, String tgt, boolean expected) {
        assertEquals(expected, matcher.compile(tgt, TargetType.IPCIDR).matches(withIps(ipv4)));
    }

    @Test
    void testMatchInvalidTargetReturnsEmptyList() {
        // Salt logs "Invalid IP/CIDR target" and matches nothing; jsalt refuses the target
        // with the same words.
        TargetException e = assertThrows(TargetException.class,
                () -> matcher.compile("not-an-ip", TargetType.IPCIDR));
        assertTrue(e.getMessage().contains("Invalid IP/CIDR target"), e.getMessage());
    }

    // tests/pytests/functional/utils/test_ckminions.py: the master's check_minions. The master
    // selects minions with the same CompiledTarget.select (JobManager.expected).

    private static List<MinionData> fleet(String grainsOrPillar, String yamlById) {
        List<MinionData> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : yaml(yamlById).entrySet()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) e.getValue();
            out.add(grainsOrPillar.equals("pillar") ? new MinionData(e.getKey(), Map.of(), data)
                    : new MinionData(e.getKey(), data, Map.of()));
        }
        return out;
    }

    private static final String SERVERS = """
            server1:
              network:
                interfaces:
                  - {name: eth0, ips: [192.168.1.1]}
                  - {name: eth1, ips: [10.0.0.1]}
            server2:
              network:
                interfaces:
                  - {name: eth0, ips: [192.168.1.2]}
                  - {name: wlan0, ips: [10.0.0.2]}
            """;

    private static final String COMPLEX = """
            complex1:
              services:
                running:
                  - {name: httpd, ports: [80, 443]}
                  - {name: mysql, ports: [3306]}
                stopped:
                  - {name: postgresql, ports: [5432]}
            complex2:
              services:
                running:
                  - {name: nginx, ports: [80, 443]}
                  - {name: redis, ports: [6379]}
                stopped: []
            """;

    static Stream<Arguments> checkMinions() {
        return Stream.of(
                Arguments.of("test_check_minions_simple_match", "grain", "minion1: {os: ubuntu}",
                        "os:ubuntu", TargetType.GRAIN, List.of("minion1")),
                Arguments.of("test_check_minions_nested_match", "grain", "minion2: {os_family: {name: debian}}",
                        "os_family:name:debian", TargetType.GRAIN, List.of("minion2")),
                Arguments.of("test_check_minions_boolean_match", "grain", "minion3: {virtual: true}",
                        "virtual:True", TargetType.GRAIN, List.of("minion3")),
                Arguments.of("test_check_minions_array_match", "grain", "minion6: {roles: [webserver]}",
                        "roles:webserver", TargetType.GRAIN, List.of("minion6")),
                Arguments.of("test_check_minions_nested_array_match", "grain",
                        "minion7: {network: [{interface: eth0}]}",
                        "network:interface:eth0", TargetType.GRAIN, List.of("minion7")),
                Arguments.of("test_check_minions_deep_nested_match", "grain",
                        "minion11: {cloud: {provider: {name: aws}}}",
                        "cloud:provider:name:aws", TargetType.GRAIN, List.of("minion11")),
                Arguments.of("test_check_minions_deep_array_match", "grain",
                        "minion12: {cloud: {instances: [{region: us-east-1}]}}",
                        "cloud:instances:region:us-east-1", TargetType.GRAIN, List.of("minion12")),
                Arguments.of("test_check_minions_glob_pattern", "grain", """
                        webserver1: {role: web, env: prod}
                        webserver2: {role: web, env: dev}
                        dbserver1: {role: db, env: prod}
                        """, "role:web*", TargetType.GRAIN, List.of("webserver1", "webserver2")),
                Arguments.of("test_check_minions_regex_pattern", "pillar", """
                        app-server-1: {application: {version: 1.2.3}}
                        app-server-2: {application: {version: 2.0.1}}
                        app-server-3: {application: {version: 3.4.5}}
                        """, "application:version:2\\.[0-9]+\\.[0-9]+", TargetType.PILLAR_PCRE,
                        List.of("app-server-2")),
                Arguments.of("test_check_minions_mixed_exact_and_glob", "grain", SERVERS,
                        "network:interfaces:name:eth*", TargetType.GRAIN, List.of("server1", "server2")),
                Arguments.of("test_check_minions_mixed_exact_and_glob", "grain", SERVERS,
                        "network:interfaces:name:eth1", TargetType.GRAIN, List.of("server1")),
                Arguments.of("test_check_minions_mixed_exact_and_glob", "grain", SERVERS,
                        "network:interfaces:name:wlan*", TargetType.GRAIN, List.of("server2")),
                Arguments.of("test_check_minions_complex_nested_glob", "grain", COMPLEX,
                        "services:*:ports:80", TargetType.GRAIN, List.of("complex1", "complex2")),
                Arguments.of("test_check_minions_complex_nested_glob", "grain", COMPLEX,
                        "services:running:name:nginx", TargetType.GRAIN, List.of("complex2")),
                Arguments.of("test_check_minions_complex_nested_glob", "grain", COMPLEX,
                        "services:stopped:name:*", TargetType.GRAIN, List.of("complex1")),
                Arguments.of("test_check_minions_complex_nested_glob", "grain", COMPLEX,
                        "services:running:ports:80", TargetType.GRAIN, List.of("complex1", "complex2")));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("checkMinions")
    void testCheckMinions(String saltTest, String bank, String data, String tgt, TargetType type,
                          List<String> expected) {
        assertEquals(expected, select(tgt, type, fleet(bank, data)));
    }

    static Stream<String> dangerousExpressions() {
        return Stream.of(
                "G@_deferred_minions_scope.__class__.__bases__[0].__subclasses__():.*",
                "G@all_minions.__globals__:.*",
                "S@__import__('os').system('echo vulnerable')",
                "E@__builtins__['eval']('import os')",
                "G@os:ubuntu); import os; os.system('echo vulnerable'); (",
                "G@role:web' and __import__('subprocess').call(['touch', '/tmp/vulnerable']) or '");
    }

    /** test_ckminions.py::test_compound_matching_rejects_dangerous_input, with minions present. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dangerousExpressions")
    void testCompoundMatchingRejectsDangerousInput(String tgt) {
        List<MinionData> minions = fleet("grain", """
                minion1: {os: ubuntu, role: web}
                webserver1: {role: web, env: prod}
                """);
        assertEquals(List.of(), select(tgt, TargetType.COMPOUND, minions));
    }
}
