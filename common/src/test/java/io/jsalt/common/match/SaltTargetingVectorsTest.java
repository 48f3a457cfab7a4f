package io.jsalt.common.match;

import static io.jsalt.common.match.Minions.minion;
import static io.jsalt.common.match.Minions.yaml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.VectorFiles;
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
    /** The vectors, one section per Salt test, under src/test/resources/salt-vectors/. */
    private static final String FILE = "targeting.yaml";

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
        return VectorFiles.cases(FILE, "compound_match", "target", "expected");
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
        return VectorFiles.cases(FILE, "glob_match", "pattern", "id", "expected");
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
        return VectorFiles.cases(FILE, "ipcidr_match", "name", "ipv4", "target", "expected");
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

    static Stream<Arguments> checkMinions() {
        return VectorFiles.<Map<String, Object>>section(FILE, "check_minions").stream()
                .map(v -> Arguments.of(v.get("name"), v.get("bank"), v.get("minions"), v.get("target"),
                        TargetType.fromSalt((String) v.get("type")), v.get("expected")));
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("checkMinions")
    void testCheckMinions(String saltTest, String bank, String data, String tgt, TargetType type,
                          List<String> expected) {
        assertEquals(expected, select(tgt, type, fleet(bank, data)));
    }

    static Stream<String> dangerousExpressions() {
        return VectorFiles.<String>section(FILE, "dangerous_expressions").stream();
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
