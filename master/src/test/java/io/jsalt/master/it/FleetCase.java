package io.jsalt.master.it;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * An end-to-end test that starts a {@link TestFleet} in its own temporary directory: the
 * fleet a case started is always stopped, and {@link #cli()} talks to its control socket.
 */
abstract class FleetCase {
    @TempDir
    Path tmp;

    TestFleet fleet;

    @AfterEach
    void stop() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
    }

    Cli cli() {
        return new Cli(fleet.sockDir());
    }
}
