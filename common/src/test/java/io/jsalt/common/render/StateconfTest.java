package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.data.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stateconf renderer as Salt's salt/renderers/stateconf.py has it: the cases of
 * src/test/resources/stateconf/cases.yaml (each SLS text and the data that code makes of it,
 * each citing the function it follows), and what jsalt refuses.
 */
class StateconfTest {
    private final Renderer renderer = new Renderer(null);

    private String render(String text, String sls) {
        return String.valueOf(renderer.renderSls(text, sls.replace('.', '/') + ".sls", Fixtures.context(sls)));
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = StateconfTest.class.getResourceAsStream("/stateconf/cases.yaml")) {
            List<Object> cases = (List<Object>) Yaml.load(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                    "stateconf/cases.yaml");
            return cases.stream().map(c -> (Map<String, Object>) c)
                    .map(c -> Arguments.of(c.get("name"), c.get("sls"), c.get("text"), c.get("expected")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsSaltsStateconfDoes(String name, String sls, String text, Object expected) {
        // Maps compare without their order; the printed form keeps it.
        assertEquals(String.valueOf(expected), render(text, sls));
    }

    @Test
    void whatJsaltLacksIsRefusedWithAMessage() {
        assertTrue(assertThrows(RenderException.class, () -> render("#!stateconf yaml . mako\na: {}\n", "a"))
                .problem().contains("Renderer: 'mako' is not available!"));
        assertTrue(assertThrows(RenderException.class, () -> render("#!stateconf -o yaml . jinja\na: {}\n", "a"))
                .problem().contains("-o is not supported"));
        assertTrue(assertThrows(RenderException.class, () -> render("#!stateconf yaml\na: {}\n", "a"))
                .problem().startsWith("Invalid use of stateconf renderer!"));
        // rename_state_ids refuses a local ID whose absolute name the file has already.
        assertTrue(assertThrows(RenderException.class,
                () -> render("#!stateconf\n.x:\n  test.nop: []\na::x:\n  test.nop: []\n", "a"))
                .problem().contains("Can't rename state id(.x) into a::x because the later already exists!"));
    }
}
