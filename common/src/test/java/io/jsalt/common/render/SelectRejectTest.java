package io.jsalt.common.render;

import static io.jsalt.common.render.Fixtures.jinja;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * select/reject without a test keep or drop truthy items, selectattr/rejectattr with only an
 * attribute test its truth (jinja2/filters.py select_or_reject: no test name means bool).
 * Expected values were checked with Jinja2 3.1.
 */
class SelectRejectTest {
    @Test
    void selectAndRejectWithoutATestUseTruthiness() {
        assertEquals("[1, 2]", jinja("{{ [1, 0, 2, none, ''] | select | list }}"));
        assertEquals("[0, None, '']", jinja("{{ [1, 0, 2, none, ''] | reject | list }}"));
    }

    @Test
    void withATestTheyStillTakeIt() {
        assertEquals("[1, 3]", jinja("{{ [1, 2, 3, 4] | select('odd') | list }}"));
        assertEquals("[2, 4]", jinja("{{ [1, 2, 3, 4] | reject('odd') | list }}"));
    }

    @Test
    void selectattrAndRejectattrWithOnlyAnAttribute() {
        assertEquals("[{'a': 1}]", jinja("{{ [{'a': 1}, {'a': 0}] | selectattr('a') | list }}"));
        assertEquals("[{'a': 0}]", jinja("{{ [{'a': 1}, {'a': 0}] | rejectattr('a') | list }}"));
    }
}
