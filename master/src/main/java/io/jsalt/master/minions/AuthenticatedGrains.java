package io.jsalt.master.minions;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where grains a minion reported become grains the master uses. A minion
 * controls its own grains, including {@code id} ({@code grains.setval id beta}); if the
 * master believed that value, the minion would receive beta's pillar, match {@code -G id:beta}
 * and appear as beta in the mine and DNS. Salt's master overwrites the grain with the
 * authenticated id before it compiles pillar (salt/master.py, AESFuncs._pillar); jsalt does
 * it at every entrance, so nothing downstream can see another id.
 */
public final class AuthenticatedGrains {
    private AuthenticatedGrains() {}

    /** A copy of {@code grains} (null counts as empty) whose {@code id} is the authenticated id. */
    public static Map<String, Object> stamp(String authenticatedId, Map<String, Object> grains) {
        Map<String, Object> out = grains == null ? new LinkedHashMap<>() : new LinkedHashMap<>(grains);
        out.put("id", authenticatedId);
        return out;
    }
}
