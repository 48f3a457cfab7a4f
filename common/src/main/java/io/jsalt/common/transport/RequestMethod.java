package io.jsalt.common.transport;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The requests minion and master make of each other, named once for both sides. The wire
 * carries each as its {@link #wire()} string in {@code Request.method} (see docs/wire.md), so
 * older peers and raw test peers keep working; everything in jsalt names a request by this
 * type. Each names the one side that sends it, so the receiving side refuses the others; the
 * master's {@code MessagePolicy} and its test pin both sets.
 */
public enum RequestMethod {
    /** The minion's grains: the first after acceptance makes a daemon's connection the minion's. */
    GRAINS_UPDATE("grains.update", Sender.MINION),
    /** This minion's compiled pillar. */
    PILLAR_ITEMS("pillar.items", Sender.MINION),
    /** The saltenvs of the master's file_roots. */
    FILE_ENVS("file.envs", Sender.MINION),
    /** The files (or directories) under a prefix of one saltenv. */
    FILE_LIST("file.list", Sender.MINION),
    /** One file's hash. */
    FILE_HASH("file.hash", Sender.MINION),
    /** The hashes of the files under a prefix. */
    FILE_HASHES("file.hashes", Sender.MINION),
    /**
     * The hashes of every file of every saltenv at once: what a minion's state run lists
     * before it renders, in one round trip instead of file.envs and a file.hashes per saltenv.
     */
    FILE_TREE("file.tree", Sender.MINION),
    /** One chunk of a file. */
    FILE_GET("file.get", Sender.MINION),
    /** Stores this minion's mine data. */
    MINE_UPDATE("mine.update", Sender.MINION),
    /** Deletes one function's mine data of this minion. */
    MINE_DELETE("mine.delete", Sender.MINION),
    /** Deletes all mine data of this minion. */
    MINE_FLUSH("mine.flush", Sender.MINION),
    /** Mine data of the minions a target matches. */
    MINE_GET("mine.get", Sender.MINION),
    /** Fires this minion's minion_start event. */
    MINION_START("minion.start", Sender.MINION),
    /** Fires an event under this minion's own tag prefix. */
    EVENT_FIRE("event.fire", Sender.MINION),
    /**
     * Runs a job on other minions for this one (publish.publish), if the master's peer ACL
     * lets this minion run that function; answers the returns (Salt's minion_pub).
     */
    MINION_PUB("minion.pub", Sender.MINION),
    /** Sent by the master: is this job still running here? Also the master's liveness probe. */
    JOB_FIND("job.find", Sender.MASTER);

    private static final Map<String, RequestMethod> BY_WIRE = new HashMap<>();

    static {
        for (RequestMethod m : values()) {
            BY_WIRE.put(m.wire, m);
        }
    }

    /** The side that sends a request; the other side answers it. */
    public enum Sender {
        MINION,
        MASTER
    }

    private final String wire;
    private final Sender sender;

    RequestMethod(String wire, Sender sender) {
        this.wire = wire;
        this.sender = sender;
    }

    public Sender sender() {
        return sender;
    }

    /** Every request the given side sends. */
    public static Set<RequestMethod> sentBy(Sender sender) {
        Set<RequestMethod> s = EnumSet.noneOf(RequestMethod.class);
        for (RequestMethod m : values()) {
            if (m.sender == sender) {
                s.add(m);
            }
        }
        return s;
    }

    /**
     * The request a method string received from the other side names, or an exception whose
     * message is the error to answer: an unknown method, or one that {@code receiver} itself
     * sends and therefore never answers.
     */
    public static RequestMethod received(String method, Sender receiver) {
        RequestMethod m = fromWire(method).orElseThrow(() -> unknown(method));
        if (m.sender == receiver) {
            throw new IllegalArgumentException("request method '" + method + "' is not accepted from a "
                    + (receiver == Sender.MASTER ? "minion" : "master"));
        }
        return m;
    }

    /** The method string the wire carries. */
    public String wire() {
        return wire;
    }

    /** The request a wire method string names, if jsalt knows it. */
    public static Optional<RequestMethod> fromWire(String method) {
        return Optional.ofNullable(BY_WIRE.get(method));
    }

    /**
     * The error a receiver answers for a method string it does not know; peers and tests
     * recognise it by its start, "unknown request method".
     */
    public static IllegalArgumentException unknown(String method) {
        return new IllegalArgumentException("unknown request method '" + method + "'");
    }

    @Override
    public String toString() {
        return wire;
    }
}
