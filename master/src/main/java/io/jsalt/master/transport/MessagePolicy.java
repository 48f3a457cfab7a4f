package io.jsalt.master.transport;

import io.jsalt.common.proto.Envelope;
import io.jsalt.common.transport.RequestMethod;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which messages the master accepts from a minion, and when, and which requests each side
 * may make of the other. Every body type and every request method is in exactly one set; a
 * test enumerates them all so a new message type or request cannot slip in without a
 * decision.
 */
public final class MessagePolicy {
    /** The only thing an unauthenticated peer may send: who it claims to be. */
    public static final Set<Envelope.BodyCase> BEFORE_ACCEPTANCE = EnumSet.of(Envelope.BodyCase.HELLO);

    /** What an accepted minion may send; each is still checked against its own id. */
    public static final Set<Envelope.BodyCase> AFTER_ACCEPTANCE = EnumSet.of(
            Envelope.BodyCase.PUBLISH_ACK,
            Envelope.BodyCase.RETURN,
            Envelope.BodyCase.REQUEST,
            Envelope.BodyCase.RESPONSE,
            Envelope.BodyCase.HEARTBEAT);

    /** Sent by the master only; a minion sending one is a protocol violation. */
    public static final Set<Envelope.BodyCase> MASTER_ONLY = EnumSet.of(
            Envelope.BodyCase.HELLO_ACK,
            Envelope.BodyCase.PUBLISH,
            Envelope.BodyCase.RETURN_ACK,
            Envelope.BodyCase.GOODBYE,
            Envelope.BodyCase.BODY_NOT_SET);

    /**
     * The requests an accepted minion (its daemon or a jsalt-call connection) may make of the
     * master; the master answers each for the authenticated id only. A peer that is not
     * accepted may send no request at all (a Request is not in {@link #BEFORE_ACCEPTANCE}).
     */
    public static final Set<RequestMethod> MINION_REQUESTS =
            Collections.unmodifiableSet(RequestMethod.sentBy(RequestMethod.Sender.MINION));

    /** The requests the master makes of a minion; a minion asking the master one is refused. */
    public static final Set<RequestMethod> MASTER_REQUESTS =
            Collections.unmodifiableSet(RequestMethod.sentBy(RequestMethod.Sender.MASTER));

    private MessagePolicy() {}

    public static boolean allowed(Envelope.BodyCase body, boolean accepted) {
        return accepted ? AFTER_ACCEPTANCE.contains(body) : BEFORE_ACCEPTANCE.contains(body);
    }

    /**
     * The request an accepted minion's method string names, or an exception whose message is
     * the error the minion is answered: an unknown method, or one only the master sends.
     */
    public static RequestMethod minionRequest(String method) {
        return RequestMethod.received(method, RequestMethod.Sender.MASTER);
    }
}
