package io.jsalt.minion.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jsalt.common.proto.Envelope;
import io.jsalt.common.proto.HelloAck;
import io.jsalt.common.proto.KeyStatus;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The master's gate closes a connection that sends anything but its Hello before the answer
 * (AuthHandler). After a master restart with tens of thousands of minions a connection can
 * wait for its TLS handshake longer than the heartbeat interval; a heartbeat queued then
 * would go out before the Hello and cost the minion its turn.
 */
class HeartbeatAfterHelloTest {
    @Test
    void noHeartbeatIsSentBeforeTheMasterAnsweredTheHello() {
        MasterConnection.Options o = new MasterConnection.Options("127.0.0.1", 1, "web1", 1 << 20, 30, 10_000,
                1_000, 10_000, false, List.of());
        EmbeddedChannel ch = new EmbeddedChannel(new MasterConnection(o, null, null, Map::of, null).newInbound());
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.FIRST_WRITER_IDLE_STATE_EVENT);
        assertNull(ch.readOutbound(), "nothing may go out before the HelloAck");
        // A pending key: the master holds the connection open, and heartbeats keep it so.
        ch.writeInbound(Envelope.newBuilder().setHelloAck(HelloAck.newBuilder().setStatus(KeyStatus.PENDING)).build());
        ch.pipeline().fireUserEventTriggered(IdleStateEvent.WRITER_IDLE_STATE_EVENT);
        Envelope sent = ch.readOutbound();
        assertEquals(Envelope.BodyCase.HEARTBEAT, sent.getBodyCase());
        ch.finishAndReleaseAll();
    }
}
