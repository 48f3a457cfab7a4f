package io.jsalt.master.events;

import java.util.Map;

/**
 * One event on the master's bus: Salt's tag and data. The data map is the bus's own copy,
 * with {@code _stamp} set; listeners must not modify it.
 */
public record Event(String tag, Map<String, Object> data) {}
