package io.jsalt.common.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The stateconf renderer as Salt's salt/renderers/stateconf.py (render, rename_state_ids,
 * _local_to_abs_sid, _relative_to_abs_sls, add_goal_state, add_start_state,
 * extract_state_confs, rewrite_sls_includes_excludes) and its documentation's examples have it.
 * The expected data are what that code makes of each file.
 */
class StateconfTest {
    private final Renderer renderer = new Renderer(null);

    private String render(String text, String sls) {
        return String.valueOf(renderer.renderSls(text, sls.replace('.', '/') + ".sls", Fixtures.context(sls)));
    }

    @Test
    void theConfigSectionsStateconfSetArgumentsAreTheFilesVariables() {
        // The iptables formula's iptables/service.sls: `.sls_params` above the end marker, read
        // as sls_params.parent below it (render's first pass and the prefix taken off).
        String sls = """
                #!stateconf yaml . jinja

                .sls_params:
                  stateconf.set:
                    - parent: {{ 'default' }}
                    - port: 6380

                # --- end of state config ---

                .allow_{{ sls_params.parent }}:
                  test.nop:
                    - port: {{ sls_params.port + 1 }}
                    - dir: {{ sls_dir }}
                """;
        assertEquals("{fw.service::sls_params={stateconf.set=[{parent=default}, {port=6380}]}, "
                + "fw.service::allow_default={test.nop=[{name=allow_default}, {port=6381}, {dir=fw}]}, "
                + "fw.service::goal={stateconf.set=[{require=[{stateconf=fw.service::sls_params}, "
                + "{test=fw.service::allow_default}]}]}}", render(sls, "fw.service"));
    }

    @Test
    void localIdsAndRequisitesAreMadeAbsoluteAndTheGoalRequiresEveryState() {
        // _local_to_abs_sid: `.x` in a.b is a.b::x, `..x` a::x, `.c::x` a.c::x; a local state
        // without `- name` gets its ID without the dot; other IDs keep their place and name.
        String sls = """
                #!stateconf
                global_id:
                  test.nop:
                    - require:
                      - test: .first
                      - test: ..up
                      - test: .other::x
                .first:
                  test.nop:
                    - name: explicit
                .second:
                  test.succeed_without_changes
                """;
        assertEquals("{global_id={test.nop=[{require=[{test=a.b::first}, {test=a::up}, {test=a.other::x}]}]}, "
                + "a.b::first={test.nop=[{name=explicit}]}, "
                + "a.b::second={test.succeed_without_changes=[{name=second}]}, "
                + "a.b::goal={stateconf.set=[{require=[{test=global_id}, {test=a.b::first}, "
                + "{test=a.b::second}]}]}}", render(sls, "a.b"));
    }

    @Test
    void optionsLeaveOutTheGoalOrAddAStartState() {
        String sls = """
                #!stateconf -G -s yaml . jinja
                .one:
                  test.nop: []
                include:
                  - .sub
                  - other
                """;
        // -s: `.start` is required by the first state; -G: no goal; `.sub` is relative to a.b's package.
        assertEquals("{include=[{base=a.sub}, other], a.b::one={test.nop=[{name=one}]}, "
                + "a.b::start={stateconf.set=[{require_in=[{test=a.b::one}]}]}}", render(sls, "a.b"));
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
