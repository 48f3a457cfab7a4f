package io.jsalt.minion;

import io.jsalt.common.Logs;
import io.jsalt.common.MinionIds;
import io.jsalt.common.cli.ArgParser;
import io.jsalt.common.cli.Commands;
import io.jsalt.common.cli.FunctionArgs;
import io.jsalt.common.cli.ConfigDirOption;
import io.jsalt.common.cli.LogLevelOption;
import io.jsalt.common.cli.OutputFlags;
import io.jsalt.common.cli.StateOutputFlags;
import io.jsalt.common.config.Config;
import io.jsalt.common.data.Values;
import io.jsalt.common.output.Display;
import io.jsalt.common.output.OutputOptions;
import io.jsalt.common.output.Outputters;
import io.jsalt.common.proto.Publish;
import io.jsalt.common.proto.Return;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jsalt-call FUN [ARG ...]}: Salt's {@code salt-call}, a function run on this minion. */
@Command(name = "jsalt-call", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = "Run an execution function on this host, with this minion's config and grains.")
public final class CallMain implements Callable<Integer> {
    @Mixin
    ConfigDirOption configDir = new ConfigDirOption();

    @Option(names = {"--local"}, description = "Run masterless (file_client: local).")
    boolean local;

    @Mixin
    OutputFlags output = new OutputFlags();

    @Option(names = {"--retcode-passthrough"}, description = "Exit with the function's retcode.")
    boolean retcodePassthrough;

    @Mixin
    LogLevelOption log = new LogLevelOption();

    @Mixin
    StateOutputFlags stateFlags = new StateOutputFlags();

    @Option(names = {"--id"}, description = "Use this minion id instead of the configured one.")
    String id;

    @Option(names = {"--auth-timeout"}, description = "Seconds to wait for the master (default: 15).")
    void authTimeout(long seconds) {
        this.authTimeoutMs = seconds * 1000;
    }

    private long authTimeoutMs = 15_000;

    @Mixin
    FunctionArgs function = new FunctionArgs();

    @Override
    public Integer call() throws Exception {
        Logs.cli(log.logLevel);
        Map<String, Object> overrides = new LinkedHashMap<>();
        if (id != null) {
            String problem = MinionIds.problem(id);
            if (problem != null) {
                throw new IllegalArgumentException("invalid --id argument: " + problem);
            }
            overrides.put("id", id);
        }
        if (local) {
            overrides.put("file_client", "local");
        }
        Config loaded = configDir.load(Config.Role.MINION);
        Config config = overrides.isEmpty() ? loaded : Config.of(Config.Role.MINION, configDir.configDir,
                merged(loaded.opts(), overrides));
        Minion minion = new Minion(config).prepare();
        try {
            if (!MinionOptions.from(config).masterless()) {
                // Like salt-call: pillar and salt:// come from the master over this minion's key.
                minion.connectForCall(authTimeoutMs);
            }
            ArgParser.Parsed parsed = function.parsed();
            Publish p = Publish.newBuilder().setJid(io.jsalt.common.Jid.systemUtc().next()).setFun(function.fun)
                    .setArgs(Values.toProto(parsed.args())).setKwargs(Values.toProto(parsed.kwargs()))
                    .setUser(System.getProperty("user.name")).build();
            Return r = minion.runner().execute(p);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("local", Values.fromProto(r.getRet()));
            OutputOptions opts = stateFlags.over(output.options().withRetcode(r.getRetcode()), config.opts());
            // The function's own outputter (highstate for state runs) unless --out says otherwise.
            Object funOut = Values.mapFromProto(r.getExtra()).get("out");
            String outName = output.out != null ? output.out : funOut instanceof String s ? s : Outputters.DEFAULT;
            String text = Display.text(Outputters.get(outName), data, opts);
            System.out.print(text); // Display.text already ends with Salt's one newline
            System.out.flush();
            if (retcodePassthrough) {
                return r.getRetcode();
            }
            return r.getRetcode() != 0 ? 1 : 0;
        } finally {
            minion.close();
        }
    }

    private static Map<String, Object> merged(Map<String, Object> opts, Map<String, Object> overrides) {
        Map<String, Object> m = new LinkedHashMap<>(opts);
        m.putAll(overrides);
        return m;
    }

    public static void main(String[] args) {
        System.exit(Commands.run(new CallMain(), args));
    }
}
