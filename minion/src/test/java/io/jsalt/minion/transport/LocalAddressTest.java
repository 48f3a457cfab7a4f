package io.jsalt.minion.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection given a local address comes from that address: a swarm of more minions than
 * one address has ephemeral ports spreads its connections over 127.0.0.2 and up, while the
 * master listens on 127.0.0.1 alone.
 */
class LocalAddressTest {
    @Test
    void theConnectionComesFromTheGivenLoopbackAddress() throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(1);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            server.setSoTimeout(30_000);
            MasterConnection.Options o = new MasterConnection.Options("127.0.0.1", server.getLocalPort(), "web1",
                    1 << 20, 60, 10_000, 60_000, 60_000, false, List.of());
            MasterConnection c = new MasterConnection(o, SslContextBuilder.forClient().build(), group, Map::of, null)
                    .localAddress(InetAddress.getByName("127.0.0.2"));
            c.start();
            try (Socket accepted = server.accept()) {
                assertEquals(InetAddress.getByName("127.0.0.2"), accepted.getInetAddress());
            } finally {
                c.closeAsync().awaitUninterruptibly(10, TimeUnit.SECONDS);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }
}
