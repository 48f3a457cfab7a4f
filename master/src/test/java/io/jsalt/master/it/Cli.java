package io.jsalt.master.it;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.CliReply;
import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.PublishRequest;
import io.jsalt.common.proto.RunnerRequest;
import io.jsalt.master.cli.CliClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test helper: talks to a running master's control socket as the CLI tools do. Public for
 * the tools module's tests, which use the master's test jar.
 */
public final class Cli {
    private final Path sockDir;

    public Cli(Path sockDir) {
        this.sockDir = sockDir;
    }

    /** Result of a publish: every streamed event and the final reply. */
    public record Run(List<Map<String, Object>> events, CliReply last) {
        @SuppressWarnings("unchecked")
        public Map<String, Object> returns() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map<String, Object> e : events) {
                if ("return".equals(e.get("event"))) {
                    out.put((String) e.get("id"), ((Map<String, Object>) e.get("ret")).get("return"));
                }
            }
            return out;
        }

        public Map<String, Object> missing() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map<String, Object> e : events) {
                if ("missing".equals(e.get("event"))) {
                    out.put((String) e.get("id"), e.get("reason"));
                }
            }
            return out;
        }

        public String jid() {
            for (Map<String, Object> e : events) {
                if ("started".equals(e.get("event"))) {
                    return (String) e.get("jid");
                }
            }
            return null;
        }
    }

    public Run publish(String tgt, String tgtType, String fun, List<Object> args, Map<String, Object> kwargs,
            long timeout) throws Exception {
        CliRequest req = CliRequest.newBuilder().setPublish(PublishRequest.newBuilder().setTgt(tgt).setTgtType(tgtType)
                .setFun(fun).setArg(Values.toProto(args)).setKwarg(Values.toProto(kwargs)).setTimeout(timeout)).build();
        List<Map<String, Object>> events = new ArrayList<>();
        try (CliClient c = CliClient.connect(sockDir)) {
            CliReply last = c.call(req, r -> events.add(Values.mapFromProto(r.getData())));
            return new Run(events, last);
        }
    }

    public Run ping(String tgt, String tgtType) throws Exception {
        return publish(tgt, tgtType, "test.ping", List.of(), Map.of(), 2);
    }

    Object runner(String fun, List<Object> args, Map<String, Object> kwargs) throws Exception {
        CliRequest req = CliRequest.newBuilder().setRunner(RunnerRequest.newBuilder().setFun(fun)
                .setArg(Values.toProto(args)).setKwarg(Values.toProto(kwargs))).build();
        try (CliClient c = CliClient.connect(sockDir)) {
            CliReply last = c.call(req, r -> { });
            if (!last.getError().isEmpty()) {
                throw new AssertionError("runner failed: " + last.getError());
            }
            return Values.fromProto(last.getData());
        }
    }
}
