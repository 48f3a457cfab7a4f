package io.jsalt.common.match;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Yaml;
import java.util.Map;

/** Test minions with grains and pillar written as YAML, and the check every target test makes of a bad target. */
final class Minions {
    private Minions() {}

    static MinionData minion(String id, String grainsYaml) {
        return minion(id, grainsYaml, "{}");
    }

    static MinionData minion(String id, String grainsYaml, String pillarYaml) {
        return new MinionData(id, yaml(grainsYaml), yaml(pillarYaml));
    }

    static Map<String, Object> yaml(String text) {
        return Yaml.loadMap(text, "test");
    }

    /** Compiling the target fails with a {@link TargetException} whose message contains {@code detail}. */
    static TargetException assertInvalid(Matcher matcher, String target, TargetType type, String detail) {
        TargetException e = assertThrows(TargetException.class, () -> matcher.compile(target, type));
        assertTrue(e.getMessage().contains(detail), e.getMessage());
        return e;
    }
}
