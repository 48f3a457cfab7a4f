package io.jsalt.master.transport;

import io.jsalt.common.proto.KeyStatus;
import java.util.Map;

/** Decides what a peer that proved possession of a key and claims an id may do. */
@FunctionalInterface
public interface Authenticator {
    record Result(KeyStatus status, String message) {}

    Result authenticate(String minionId, String publicKeyPem, Map<String, Object> grains);
}
