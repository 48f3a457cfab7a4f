package io.jsalt.master.keys;

/**
 * One key moved or removed by a jsalt-key operation.
 *
 * @param from the state it was in
 * @param to the state it is in now, or null when it was deleted
 */
public record KeyChange(String id, KeyState from, KeyState to) {
    public boolean deleted() {
        return to == null;
    }
}
