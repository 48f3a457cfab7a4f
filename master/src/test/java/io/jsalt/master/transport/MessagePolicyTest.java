package io.jsalt.master.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.proto.Envelope;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every message type the master can receive has an explicit decision. */
class MessagePolicyTest {
    @Test
    void everyMessageTypeIsInExactlyOnePolicySet() {
        for (Envelope.BodyCase c : Envelope.BodyCase.values()) {
            int sets = (MessagePolicy.BEFORE_ACCEPTANCE.contains(c) ? 1 : 0)
                    + (MessagePolicy.AFTER_ACCEPTANCE.contains(c) ? 1 : 0)
                    + (MessagePolicy.MASTER_ONLY.contains(c) ? 1 : 0);
            assertEquals(1, sets, c + " must be in exactly one of the policy sets");
        }
    }

    @Test
    void onlyHelloIsAllowedBeforeAcceptance() {
        Set<Envelope.BodyCase> allowed = EnumSet.noneOf(Envelope.BodyCase.class);
        for (Envelope.BodyCase c : Envelope.BodyCase.values()) {
            if (MessagePolicy.allowed(c, false)) {
                allowed.add(c);
            }
        }
        assertEquals(EnumSet.of(Envelope.BodyCase.HELLO), allowed);
    }

    @Test
    void masterOnlyMessagesAreNeverAcceptedFromAMinion() {
        for (Envelope.BodyCase c : MessagePolicy.MASTER_ONLY) {
            assertFalse(MessagePolicy.allowed(c, true), c.toString());
            assertFalse(MessagePolicy.allowed(c, false), c.toString());
        }
        assertTrue(MessagePolicy.allowed(Envelope.BodyCase.RETURN, true));
        assertFalse(MessagePolicy.allowed(Envelope.BodyCase.HELLO, true), "a second Hello is refused");
    }
}
