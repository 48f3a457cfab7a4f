package io.jsalt.master.transport;

import io.jsalt.common.proto.Envelope;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which messages the master accepts from a minion, and when. Every body type is in
 * exactly one set; a test enumerates them all so a new message type cannot slip in
 * without a decision.
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

    private MessagePolicy() {}

    public static boolean allowed(Envelope.BodyCase body, boolean accepted) {
        return accepted ? AFTER_ACCEPTANCE.contains(body) : BEFORE_ACCEPTANCE.contains(body);
    }
}
