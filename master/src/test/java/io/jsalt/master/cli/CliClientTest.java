package io.jsalt.master.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's side of the control socket with the channel opened ahead of the command. */
class CliClientTest {
    @TempDir
    Path dir;

    @Test
    void theChannelOpenedAheadIsTheOneThatConnects() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(dir.resolve(CliServer.SOCKET_NAME)));
            CliClient.OpenAhead ahead = CliClient.OpenAhead.begin();
            try (CliClient client = CliClient.connect(dir, ahead);
                    SocketChannel accepted = server.accept()) {
                assertNotNull(client);
                assertNotNull(accepted);
                // Taken by the connect: nothing is left for close to close, nor for a second take.
                assertNull(ahead.take());
            } finally {
                ahead.close();
            }
        }
    }

    @Test
    void aMissingMasterIsReportedAsWithoutTheChannelOpenedAhead() {
        CliClient.OpenAhead ahead = CliClient.OpenAhead.begin();
        CliClient.MasterUnavailable e = assertThrows(CliClient.MasterUnavailable.class,
                () -> CliClient.connect(dir, ahead));
        assertTrue(e.getMessage().startsWith("The jsalt master is not running (no socket at "), e.getMessage());
        // close waits for the thread and closes the channel nobody took.
        ahead.close();
        assertTrue(!ahead.isAlive());
        assertNull(ahead.take());
    }
}
