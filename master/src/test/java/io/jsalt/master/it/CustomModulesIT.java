package io.jsalt.master.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jsalt.minion.Minion;
import io.jsalt.minion.modules.Sh;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Custom Python modules from the master's file roots: synced over TLS through the master's
 * file server and run by a real minion (docs/custom-modules.md).
 */
class CustomModulesIT extends FleetCase {
    // Salt: salt/modules/saltutil.py sync_modules ("modules.NAME" entries) and salt/state.py
    // call_highstate (load_dynamic syncs before the states render).
    @Test
    void aMinionSyncsCustomModulesFromTheMasterAndRunsThem() throws Exception {
        assumeTrue(Sh.has("python3"), "python3 is not on PATH");
        Path roots = tmp.resolve("salt");
        Path out = tmp.resolve("written.txt");
        write(roots, "_modules/greet.py", """
                def hello(who):
                    \"\"\"Greets through jsalt's grains.get and cmd.run.\"\"\"
                    me = __salt__['grains.get']('id')
                    return __salt__['cmd.run']('echo "hello {} from {}"'.format(who, me), python_shell=True)
                """);
        write(roots, "_states/note.py", """
                import os

                def written(name, text):
                    \"\"\"Makes the file NAME hold TEXT.\"\"\"
                    ret = {'name': name, 'changes': {}, 'result': True, 'comment': 'as it should be'}
                    if os.path.exists(name) and open(name).read() == text:
                        return ret
                    if __opts__['test']:
                        ret.update(result=None, comment='would write')
                        return ret
                    with open(name, 'w') as f:
                        f.write(text)
                    ret.update(changes={'text': text}, comment=__salt__['greet.hello']('state'))
                    return ret
                """);
        write(roots, "top.sls", "base:\n  '*':\n    - notes\n");
        write(roots, "notes.sls", "note:\n  note.written:\n    - name: " + out + "\n    - text: from the master\n");
        fleet = new TestFleet(tmp).startMaster(o -> o.put("file_roots", Map.of("base", List.of(roots.toString()))));
        Minion alpha = fleet.acceptedMinion("alpha", Map.of());

        assertEquals(List.of("modules.greet"), call("alpha", "saltutil.sync_modules", List.of()));
        assertEquals("hello you from alpha", call("alpha", "greet.hello", List.of("you")));

        Object ret = cli().publish("alpha", "glob", "state.apply", List.of(), Map.of(), 60).returns().get("alpha");
        Map<?, ?> state = (Map<?, ?>) ((Map<?, ?>) ret).get("note_|-note_|-" + out + "_|-written");
        assertEquals(true, state.get("result"), String.valueOf(ret));
        assertEquals("hello state from alpha", state.get("comment"));
        assertEquals("from the master", Files.readString(out));
        Path cachedir = Path.of(String.valueOf(alpha.context().opts().get("cachedir")));
        assertTrue(Files.isRegularFile(cachedir.resolve("extmods/states/note.py")), "the highstate synced the state module");
    }
}
