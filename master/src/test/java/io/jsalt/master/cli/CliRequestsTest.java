package io.jsalt.master.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.KeyRequest;
import io.jsalt.common.proto.PublishRequest;
import io.jsalt.common.proto.RunnerRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The master checks every control-socket request where it arrives and names the bad field. */
class CliRequestsTest {
    private static PublishRequest.Builder ping() {
        return PublishRequest.newBuilder().setTgt("*").setTgtType("glob").setFun("test.ping")
                .setArg(Values.toProto(List.of())).setKwarg(Values.toProto(Map.of()));
    }

    private static String publish(PublishRequest.Builder p) {
        return CliRequests.problem(CliRequest.newBuilder().setPublish(p).build());
    }

    private static String runner(RunnerRequest.Builder r) {
        return CliRequests.problem(CliRequest.newBuilder().setRunner(r).build());
    }

    @Test
    void wellFormedRequestsPass() {
        assertNull(publish(ping()));
        assertNull(publish(PublishRequest.newBuilder().setTgt("web*").setFun("test.ping")), "arg and kwarg may be unset");
        assertNull(publish(ping().setTimeout(0).setBatch("10%").setAsync(true)));
        assertNull(runner(RunnerRequest.newBuilder().setFun("manage.up")));
        assertNull(CliRequests.problem(CliRequest.newBuilder()
                .setKey(KeyRequest.newBuilder().setAction(KeyRequest.Action.LIST)).build()));
    }

    @Test
    void aRequestWithoutAnOperationIsRefused() {
        assertEquals("unknown operation: the request is none of publish, key, runner",
                CliRequests.problem(CliRequest.getDefaultInstance()));
    }

    @Test
    void badPublishFieldsAreNamed() {
        assertEquals("publish: fun is empty; name the function to run", publish(ping().setFun("")));
        assertEquals("publish: timeout must be a number of seconds, not -1", publish(ping().setTimeout(-1)));
        assertEquals("publish: arg must be a list of arguments", publish(ping().setArg(Values.toProto(Map.of("a", 1)))));
        assertEquals("publish: kwarg must be a map of keyword arguments",
                publish(ping().setKwarg(Values.toProto(List.of(1)))));
    }

    @Test
    void badRunnerAndKeyFieldsAreNamed() {
        assertEquals("runner: fun is empty; name the runner function to run", runner(RunnerRequest.newBuilder()));
        assertEquals("runner: kwarg must be a map of keyword arguments",
                runner(RunnerRequest.newBuilder().setFun("jobs.list_jobs").setKwarg(Values.toProto("x"))));
        assertEquals("key: action must be one of list, match, accept, reject, delete, finger",
                CliRequests.problem(CliRequest.newBuilder().setKey(KeyRequest.newBuilder().setMatch("web*")).build()));
    }
}
