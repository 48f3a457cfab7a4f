package io.jsalt.minion.modules;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test with a fresh {@link TestMinion} in its own temporary directory for every case. */
abstract class TestMinionCase {
    @TempDir
    Path dir;
    TestMinion m;

    @BeforeEach
    void newMinion() {
        m = new TestMinion(dir);
    }
}
