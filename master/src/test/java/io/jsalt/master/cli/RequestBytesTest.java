package io.jsalt.master.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.KeyRequest;
import io.jsalt.common.proto.PublishRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBytesTest {
    private static void same(CliRequest req) {
        assertArrayEquals(req.toByteArray(), RequestBytes.of(req), req.toString());
    }

    @Test
    void writesPublishRequestsAsProtobufDoes() {
        Map<String, Object> kwarg = new LinkedHashMap<>();
        kwarg.put("cwd", "/tmp");
        kwarg.put("", "empty key");
        kwarg.put("nested", Map.of("a", List.of(1L, -2L, Long.MIN_VALUE, Long.MAX_VALUE)));
        kwarg.put("nothing", null);
        kwarg.put("flag", false);
        kwarg.put("pi", 3.14159);
        kwarg.put("neg", -0.0);
        kwarg.put("raw", new byte[] {0, (byte) 0xff});
        List<Object> args = new ArrayList<>(Arrays.asList("ls -l", "caf\u00e9 \u2603 \ud83d\ude00", 0L, true, null,
                List.of(), Map.of(), "x".repeat(300)));
        same(CliRequest.newBuilder().setPublish(PublishRequest.newBuilder().setFun("test.ping")).build());
        same(CliRequest.newBuilder().setPublish(PublishRequest.newBuilder().setTgt("*").setTgtType("glob")
                .setFun("test.ping").setArg(Values.toProto(List.of())).setKwarg(Values.toProto(Map.of()))
                .setTimeout(30).setUser("root")).build());
        same(CliRequest.newBuilder().setPublish(PublishRequest.newBuilder().setTgt("web*").setTgtType("compound")
                .setFun("cmd.run").setArg(Values.toProto(args)).setKwarg(Values.toProto(kwarg)).setTimeout(0)
                .setAsync(true).setBatch("").setUser("\u00e9")).build());
        same(CliRequest.newBuilder().setPublish(PublishRequest.newBuilder().setFun("f").setTimeout(-5)
                .setBatch("10%")).build());
        same(CliRequest.newBuilder().setKey(KeyRequest.newBuilder().setAction(KeyRequest.Action.LIST)).build());
    }
}
