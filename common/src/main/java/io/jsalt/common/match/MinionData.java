package io.jsalt.common.match;

import java.util.Map;
import java.util.Objects;

/**
 * What targeting sees of one minion: its id, grains and pillar. IP addresses come from the
 * grains {@code ipv4} / {@code ipv6} lists, as in Salt. The maps are not copied (the master
 * builds one of these per minion per job, for up to 10,000 minions); null maps mean empty.
 */
public record MinionData(String id, Map<String, Object> grains, Map<String, Object> pillar) {
    public MinionData {
        Objects.requireNonNull(id, "minion id");
        grains = grains == null ? Map.of() : grains;
        pillar = pillar == null ? Map.of() : pillar;
    }

    /** A minion known only by its id (enough for glob, pcre and list targets). */
    public static MinionData of(String id) {
        return new MinionData(id, Map.of(), Map.of());
    }
}
