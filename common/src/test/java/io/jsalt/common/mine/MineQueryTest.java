package io.jsalt.common.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * mine.get's fun argument as Salt reads it on the master (salt/daemons/masterapi.py
 * _mine_get) and masterless (salt/modules/mine.py get): list(set(fun.split(","))), a dict
 * by function when that holds several names, and always for a list.
 */
class MineQueryTest {
    @Test
    void oneNameAnswersByMinion() {
        assertEquals(new MineQuery(List.of("network.ip_addrs"), false), MineQuery.of("network.ip_addrs"));
        assertEquals(new MineQuery(List.of("a"), false), MineQuery.of("a,a"));
    }

    @Test
    void severalNamesOrAListAnswerByFunction() {
        assertEquals(new MineQuery(List.of("a", "b"), true), MineQuery.of("a,b,a"));
        assertEquals(new MineQuery(List.of("a", ""), true), MineQuery.of("a,,"));
        assertEquals(new MineQuery(List.of("a"), true), MineQuery.of(List.of("a")));
    }
}
