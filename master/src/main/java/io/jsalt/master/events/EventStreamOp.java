package io.jsalt.master.events;

import io.jsalt.common.data.Data;
import io.jsalt.common.data.Values;
import io.jsalt.common.output.JsonOutputter;
import io.jsalt.common.output.OutputOptions;
import io.jsalt.common.proto.RunnerRequest;
import io.jsalt.common.text.Printable;
import io.jsalt.master.cli.CliHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * {@code jsalt-run state.event}: streams the master's events to the CLI as Salt prints
 * them, one {@code TAG<TAB>JSON} line each ({@code pretty=True}: sorted keys, indent 4).
 * It holds no thread: the bus hands each event to the connection, which writes it out;
 * while the client cannot keep up events are dropped, and a closed client unsubscribes.
 * Arguments as Salt's: tagmatch (fnmatch or regex, default '*'), count (stop after N, -1
 * never), quiet (print nothing, just count), pretty.
 */
public final class EventStreamOp implements CliHandler.Op<RunnerRequest> {
    private final EventBus bus;

    public EventStreamOp(EventBus bus) {
        this.bus = bus;
    }

    @Override
    public void run(RunnerRequest request, CliHandler.Replies replies) {
        List<Object> a = Values.listFromProto(request.getArg());
        Map<String, Object> kw = Values.mapFromProto(request.getKwarg());
        String tagmatch = String.valueOf(arg(a, kw, 0, "tagmatch", "*"));
        long count = toLong(arg(a, kw, 1, "count", -1L));
        boolean quiet = truthy(arg(a, kw, 2, "quiet", false));
        boolean pretty = truthy(arg(a, kw, 4, "pretty", false));
        Predicate<String> match = TagMatch.expr(tagmatch);
        AtomicLong left = new AtomicLong(count);
        EventBus.Subscription[] sub = new EventBus.Subscription[1];
        Object lock = new Object();
        synchronized (lock) {
            sub[0] = bus.subscribe(match, e -> {
                synchronized (lock) {
                    if (!replies.open()) {
                        sub[0].close();
                        return;
                    }
                    if (!quiet && replies.writable()) {
                        replies.data(line(e, pretty));
                    }
                    if (count > 0 && left.decrementAndGet() == 0) {
                        sub[0].close();
                        replies.last("", 0);
                    }
                }
            });
        }
        if (count == 0) {
            sub[0].close();
            replies.last("", 0);
        }
    }

    /**
     * Salt's print format: tag, a tab, json.dumps(data, sort_keys=pretty, indent=4 if pretty).
     * Minions choose their tags: a tag prints with control characters escaped (JSON escapes the data).
     */
    static String line(Event e, boolean pretty) {
        String tag = Printable.line(e.tag());
        if (!pretty) {
            return tag + "\t" + JsonOutputter.dumps(e.data());
        }
        return tag + "\t" + JsonOutputter.format(sorted(e.data()), OutputOptions.PLAIN.withOutputIndent(4));
    }

    private static Object sorted(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> t = new TreeMap<>();
            m.forEach((k, v) -> t.put(String.valueOf(k), sorted(v)));
            return t;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(sorted(x)));
            return out;
        }
        return o;
    }

    private static Object arg(List<Object> a, Map<String, Object> kw, int pos, String name, Object dflt) {
        if (kw.containsKey(name)) {
            return kw.get(name);
        }
        return pos < a.size() ? a.get(pos) : dflt;
    }

    private static long toLong(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("count must be an integer, got '" + v + "'");
        }
    }

    private static boolean truthy(Object v) {
        if (v instanceof String s) {
            return s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("yes");
        }
        return Data.truthy(v);
    }
}
