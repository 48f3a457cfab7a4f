package io.jsalt.master.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.proto.Envelope;
import io.jsalt.common.transport.RequestMethod;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * The requests between minion and master, per trust level: a peer that is not accepted may
 * send none (MessagePolicyTest), an accepted minion exactly {@link MessagePolicy#MINION_REQUESTS},
 * the master exactly {@link MessagePolicy#MASTER_REQUESTS}. The sets are spelled out here, so a
 * new request cannot be added without deciding who may send it.
 */
class RequestContractsTest {
    @Test
    void everyRequestIsInExactlyOneSet() {
        for (RequestMethod m : RequestMethod.values()) {
            int sets = (MessagePolicy.MINION_REQUESTS.contains(m) ? 1 : 0)
                    + (MessagePolicy.MASTER_REQUESTS.contains(m) ? 1 : 0);
            assertEquals(1, sets, m + " must be in exactly one of the request sets");
        }
    }

    @Test
    void aPeerThatIsNotAcceptedMaySendNoRequestAtAll() {
        assertFalse(MessagePolicy.allowed(Envelope.BodyCase.REQUEST, false));
        assertTrue(MessagePolicy.allowed(Envelope.BodyCase.REQUEST, true));
    }

    @Test
    void anAcceptedMinionMayAskTheMasterForItsGrainsPillarFilesMineAndEvents() {
        assertEquals(EnumSet.of(RequestMethod.GRAINS_UPDATE, RequestMethod.PILLAR_ITEMS,
                RequestMethod.FILE_ENVS, RequestMethod.FILE_LIST, RequestMethod.FILE_HASH, RequestMethod.FILE_HASHES,
                RequestMethod.FILE_TREE, RequestMethod.FILE_GET, RequestMethod.MINE_UPDATE, RequestMethod.MINE_DELETE, RequestMethod.MINE_FLUSH,
                RequestMethod.MINE_GET, RequestMethod.MINION_START, RequestMethod.EVENT_FIRE, RequestMethod.MINION_PUB),
                MessagePolicy.MINION_REQUESTS);
    }

    @Test
    void theMasterAsksAMinionOnlyWhetherAJobStillRuns() {
        assertEquals(EnumSet.of(RequestMethod.JOB_FIND), MessagePolicy.MASTER_REQUESTS);
    }

    /** The wire strings are the protocol (docs/wire.md); renaming a constant must not change them. */
    @Test
    void theWireCarriesTheSameMethodStringsAsBefore() {
        Map<RequestMethod, String> wire = new LinkedHashMap<>();
        for (RequestMethod m : RequestMethod.values()) {
            wire.put(m, m.wire());
            assertEquals(m, RequestMethod.fromWire(m.wire()).orElseThrow());
        }
        assertEquals("{grains.update=grains.update, pillar.items=pillar.items, file.envs=file.envs, "
                + "file.list=file.list, file.hash=file.hash, file.hashes=file.hashes, file.tree=file.tree, "
                + "file.get=file.get, "
                + "mine.update=mine.update, mine.delete=mine.delete, mine.flush=mine.flush, mine.get=mine.get, "
                + "minion.start=minion.start, event.fire=event.fire, minion.pub=minion.pub, job.find=job.find}",
                wire.toString());
    }

    @Test
    void anUnknownMethodFromTheWireIsRefusedByName() {
        RequestRouter router = new RequestRouter();
        assertEquals("unknown request method 'keys.steal'", error(router.handle("m1", "keys.steal", Map.of())));
        assertEquals("unknown request method ''", error(router.handle("m1", "", Map.of())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestMethod.received("keys.steal", RequestMethod.Sender.MINION));
        assertEquals("unknown request method 'keys.steal'", e.getMessage());
    }

    @Test
    void eachSideRefusesTheRequestsItSendsItself() {
        RequestRouter router = new RequestRouter();
        assertEquals("request method 'job.find' is not accepted from a minion",
                error(router.handle("m1", "job.find", Map.of())));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RequestMethod.received("pillar.items", RequestMethod.Sender.MINION));
        assertEquals("request method 'pillar.items' is not accepted from a master", e.getMessage());
        assertEquals(RequestMethod.JOB_FIND, RequestMethod.received("job.find", RequestMethod.Sender.MINION));
        assertThrows(IllegalArgumentException.class,
                () -> router.register(RequestMethod.JOB_FIND, (id, a) -> CompletableFuture.completedFuture(true)));
    }

    @Test
    void aKnownMinionRequestWithoutAHandlerIsRefusedAndOneWithAHandlerGetsTheAuthenticatedId() throws Exception {
        RequestRouter router = new RequestRouter()
                .register(RequestMethod.PILLAR_ITEMS, (id, a) -> CompletableFuture.completedFuture(Map.of("id", id)));
        assertEquals(Map.of("id", "m1"), router.handle("m1", "pillar.items", Map.of("id", "other")).get());
        assertEquals("unknown request method 'mine.get'", error(router.handle("m1", "mine.get", Map.of())));
        assertThrows(IllegalStateException.class, () -> router.register(RequestMethod.PILLAR_ITEMS,
                (id, a) -> CompletableFuture.completedFuture(true)));
    }

    private static String error(CompletableFuture<Object> f) {
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertTrue(e.getCause() instanceof IllegalArgumentException, e.getCause().toString());
        return e.getCause().getMessage();
    }
}
