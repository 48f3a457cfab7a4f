package io.jsalt.minion.modules.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jsalt.common.files.FileRoots;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Context;
import io.jsalt.common.plugin.Services;
import io.jsalt.minion.files.StateFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A state run fetches the state tree once: its SLS files and every file.managed template it
 * renders read the same roots, so a remote minion syncs with the master once per run and not
 * once per template; the process-wide service is left as it was.
 */
class StateRunFilesTest {
    @Test
    void aRunSyncsTheStateTreeOnceAndKeepsItToItself() {
        AtomicInteger syncs = new AtomicInteger();
        FileRoots roots = FileRoots.base(Path.of("/srv/salt"));
        StateFiles remote = () -> {
            syncs.incrementAndGet();
            return new StateFiles.Listing(roots, Map.of());
        };
        Services shared = new Services().put(StateFiles.class, remote);
        Context ctx = new Context(Map.of(), Map.of(), Map.of(), null, false, "1", LoggerFactory.getLogger("t"), shared);
        Call run = StateRuns.forRun(new Call(ctx, "state.apply", List.of(), Map.of(), null));

        StateFiles files = run.ctx().service(StateFiles.class);
        for (int template = 0; template < 3; template++) {
            assertSame(roots, files.stateRoots());
        }
        assertEquals(1, syncs.get());
        assertSame(remote, shared.get(StateFiles.class));

        StateRuns.forRun(new Call(ctx, "state.apply", List.of(), Map.of(), null)).ctx()
                .service(StateFiles.class).stateRoots();
        assertEquals(2, syncs.get(), "the next run syncs again and sees the master's edits");
    }

    /**
     * A file.managed source in the tree the run listed is taken by the hash of that listing,
     * without another file.hash round trip per file; a run that has not listed the tree, a
     * file the listing does not hold and another saltenv go to the master as before.
     */
    @Test
    void aListedFileIsTakenByTheHashOfTheRunsListing() {
        FileRoots roots = FileRoots.base(Path.of("/srv/salt"));
        List<String> fetched = new java.util.ArrayList<>();
        StateFiles remote = new StateFiles() {
            @Override
            public Listing listing() {
                return new Listing(roots, Map.of("base", Map.of("hosts.jinja", "abc123")));
            }

            @Override
            public java.util.Optional<Path> cachedAs(String saltenv, String relPath, String hash) {
                fetched.add(saltenv + ":" + relPath + "@" + hash);
                return java.util.Optional.of(Path.of("/cache", saltenv, relPath));
            }
        };
        Services shared = new Services().put(StateFiles.class, remote);
        Context ctx = new Context(Map.of(), Map.of(), Map.of(), null, false, "1", LoggerFactory.getLogger("t"), shared);
        StateFiles files = StateRuns.forRun(new Call(ctx, "state.apply", List.of(), Map.of(), null)).ctx()
                .service(StateFiles.class);

        assertEquals(java.util.Optional.empty(), files.listedFile("base", "hosts.jinja"), "not listed yet");
        files.stateRoots();
        assertEquals(java.util.Optional.of(Path.of("/cache/base/hosts.jinja")), files.listedFile("base", "hosts.jinja"));
        assertEquals(List.of("base:hosts.jinja@abc123"), fetched, "brought to the listed hash");
        assertEquals(java.util.Optional.empty(), files.listedFile("base", "other.conf"));
        assertEquals(java.util.Optional.empty(), files.listedFile("prod", "hosts.jinja"));
        assertEquals(1, fetched.size());
    }
}
