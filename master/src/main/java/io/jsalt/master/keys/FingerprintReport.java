package io.jsalt.master.keys;

import java.util.Map;

/**
 * Fingerprints as {@code jsalt-key -f/-F} shows them.
 *
 * @param local the master's own key files by file name, or null when none is listed
 * @param keys minion key fingerprints by state, then by id
 */
public record FingerprintReport(Map<String, String> local, Map<KeyState, Map<String, String>> keys) {}
