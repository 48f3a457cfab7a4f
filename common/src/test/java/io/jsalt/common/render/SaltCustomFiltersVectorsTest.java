package io.jsalt.common.render;

import java.util.Map;

/**
 * The vectors of Salt's tests/pytests/unit/utils/jinja/test_jinja_custom_filters.py. Salt
 * calls most of these filters as Python functions; here each call is the same filter applied
 * in a template, and Salt's expected value is compared with what the template prints (True,
 * a tuple's repr, a set's members). Not ported, because they test Python objects rather than
 * rendering: the _get_strict_undefined and _handle_strict_undefined helpers, the
 * isinstance(float) checks, the indentfirst DeprecationWarning and tojson returning a
 * StrictUndefined object (its template form, an undefined value failing the render, is ported).
 */
class SaltCustomFiltersVectorsTest extends SaltVectorCases {
    SaltCustomFiltersVectorsTest() {
        super("jinja-custom-filters.yaml", SaltVectors.renderer(Map.of()),
                Fixtures.context(null));
    }
}
