package io.jsalt.master.cli;

import io.jsalt.common.Logs;
import io.jsalt.common.cli.ArgParser;
import io.jsalt.common.cli.Commands;
import io.jsalt.common.cli.FunctionArgs;
import io.jsalt.common.cli.ConfigDirOption;
import io.jsalt.common.cli.LogLevelOption;
import io.jsalt.common.cli.OutputFlags;
import io.jsalt.common.config.Config;
import io.jsalt.common.data.Values;
import io.jsalt.common.output.Display;
import io.jsalt.common.output.OutputOptions;
import io.jsalt.common.output.Outputters;
import io.jsalt.common.proto.CliReply;
import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.RunnerRequest;
import io.jsalt.master.jobs.JobViews;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jsalt-run FUN [ARG ...]}: Salt's {@code salt-run}, runners on the master. */
@Command(name = "jsalt-run", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = "Run a runner function on the master (jobs.list_jobs, manage.up, ...).")
public final class JsaltRunMain implements Callable<Integer> {
    @Mixin
    ConfigDirOption configDir = new ConfigDirOption();

    @Mixin
    OutputFlags output = new OutputFlags();

    @Option(names = {"-t", "--timeout"}, description = "Timeout for runners that publish jobs (manage.up).")
    Long timeout;

    @Mixin
    LogLevelOption log = new LogLevelOption();

    @Mixin
    FunctionArgs function = new FunctionArgs();

    @Override
    public Integer call() throws Exception {
        Logs.cli(log.logLevel);
        Config config = configDir.load(Config.Role.MASTER);
        ArgParser.Parsed parsed = function.parsed();
        Map<String, Object> kwargs = new LinkedHashMap<>(parsed.kwargs());
        if (timeout != null) {
            kwargs.putIfAbsent("timeout", timeout);
        }
        RunnerRequest req = RunnerRequest.newBuilder().setFun(function.fun).setArg(Values.toProto(parsed.args()))
                .setKwarg(Values.toProto(kwargs)).build();
        OutputOptions opts = output.options();
        try (CliClient client = CliClient.connect(config.path("sock_dir"))) {
            CliReply last = client.call(CliRequest.newBuilder().setRunner(req).build(), reply -> print(Values.fromProto(reply.getData()), opts));
            if (!last.getError().isEmpty()) {
                System.err.println(last.getError());
                return last.getExitCode() == 0 ? 1 : last.getExitCode();
            }
            Object data = Values.fromProto(last.getData());
            print(data, opts);
            return exitCode(data, last.getExitCode());
        } catch (CliClient.MasterUnavailable e) {
            System.err.println(e.getMessage());
            return 2;
        }
    }

    private void print(Object data, OutputOptions opts) {
        System.out.print(render(data, output.out, opts));
    }

    /**
     * A runner's return as salt-run prints it (salt/client/mixins.py print_async_event): a
     * return of {@code {data, outputter}} (jobs.lookup_jid of a state run; state.orchestrate,
     * which adds its {@code retcode}) prints its
     * data with that outputter, unless {@code --out} names another (salt.output.get_printout);
     * anything else prints with {@code --out}, nested by default.
     */
    static String render(Object data, String cliOut, OutputOptions opts) {
        if (data instanceof Map<?, ?> m && m.containsKey("data")
                && (m.size() == 2 || m.size() == 3 && m.containsKey("retcode"))
                && m.get("outputter") instanceof String own) {
            return Display.text(Outputters.get(JobViews.outputter(cliOut, own)), m.get("data"), opts);
        }
        return Display.text(Outputters.get(cliOut == null ? Outputters.DEFAULT : cliOut), data, opts);
    }

    /** Salt's salt-run exits with the retcode a runner puts in its returned dict (salt/cli/run.py). */
    static int exitCode(Object data, int replyCode) {
        if (replyCode == 0 && data instanceof Map<?, ?> m && m.get("retcode") instanceof Number n) {
            return n.intValue();
        }
        return replyCode;
    }

    public static void main(String[] args) {
        System.exit(Commands.run(new JsaltRunMain(), args));
    }
}
