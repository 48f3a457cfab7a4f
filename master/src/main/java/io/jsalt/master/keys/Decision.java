package io.jsalt.master.keys;

/** What {@link KeyAdmission#admit} decided for a connecting minion. Only ACCEPTED may do more than wait. */
public enum Decision {
    ACCEPTED,
    PENDING,
    REJECTED,
    DENIED
}
