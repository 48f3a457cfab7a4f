package io.jsalt.common.match;

import io.jsalt.common.data.Yaml;
import java.util.Map;

/** Test minions with grains and pillar written as YAML. */
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
}
