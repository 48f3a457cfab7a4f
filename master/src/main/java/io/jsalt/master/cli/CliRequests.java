package io.jsalt.master.cli;

import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.KeyRequest;
import io.jsalt.common.proto.PublishRequest;
import io.jsalt.common.proto.RunnerRequest;
import io.jsalt.common.proto.Value;

/**
 * Checks a request from the control socket where the master receives it, so an operation
 * only ever sees well-formed fields: a bad one is answered with one line that names the
 * operation and the field. The tools build these requests themselves, so this only ever
 * refuses a foreign or broken client.
 */
final class CliRequests {
    private CliRequests() {}

    /** What is wrong with the request, or null when nothing is. */
    static String problem(CliRequest req) {
        return switch (req.getOpCase()) {
            case PUBLISH -> publish(req.getPublish());
            case KEY -> key(req.getKey());
            case RUNNER -> runner(req.getRunner());
            case OP_NOT_SET -> "unknown operation: the request is none of publish, key, runner";
        };
    }

    private static String publish(PublishRequest p) {
        if (p.getFun().isEmpty()) {
            return "publish: fun is empty; name the function to run";
        }
        if (p.hasTimeout() && p.getTimeout() < 0) {
            return "publish: timeout must be a number of seconds, not " + p.getTimeout();
        }
        return args("publish", p.hasArg() ? p.getArg() : null, p.hasKwarg() ? p.getKwarg() : null);
    }

    private static String key(KeyRequest k) {
        if (k.getAction() == KeyRequest.Action.ACTION_UNSET || k.getAction() == KeyRequest.Action.UNRECOGNIZED) {
            return "key: action must be one of list, match, accept, reject, delete, finger";
        }
        return null;
    }

    private static String runner(RunnerRequest r) {
        if (r.getFun().isEmpty()) {
            return "runner: fun is empty; name the runner function to run";
        }
        return args("runner", r.hasArg() ? r.getArg() : null, r.hasKwarg() ? r.getKwarg() : null);
    }

    private static String args(String op, Value arg, Value kwarg) {
        if (arg != null && arg.getKindCase() != Value.KindCase.LIST_VALUE) {
            return op + ": arg must be a list of arguments";
        }
        if (kwarg != null && kwarg.getKindCase() != Value.KindCase.MAP_VALUE) {
            return op + ": kwarg must be a map of keyword arguments";
        }
        return null;
    }
}
