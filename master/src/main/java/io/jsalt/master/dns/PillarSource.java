package io.jsalt.master.dns;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the master's hubs get pillar: the master compiles pillar per minion id, and the
 * zone's pillar-driven records ({@code infra:hosts_entries}, its {@code masterdb} included)
 * and the rsync secrets come from the pillar compiled for the master's own id
 * ({@link io.jsalt.master.hub.MasterPillar}). Called on every reload, so a compiler that
 * re-reads its files makes pillar edits visible without a restart.
 */
@FunctionalInterface
public interface PillarSource {
    /** No pillar at all (until the master's pillar compiler is wired in). */
    PillarSource EMPTY = id -> new LinkedHashMap<>();

    Map<String, Object> pillarFor(String minionId);
}
