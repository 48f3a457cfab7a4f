package io.jsalt.master.cli;

import io.jsalt.common.Logs;
import io.jsalt.common.MinionIds;
import io.jsalt.common.cli.ArgParser;
import io.jsalt.common.cli.Commands;
import io.jsalt.common.cli.ConfigDirOption;
import io.jsalt.common.cli.LogLevelOption;
import io.jsalt.common.cli.OutputFlags;
import io.jsalt.common.cli.StateOutputFlags;
import io.jsalt.common.config.Config;
import io.jsalt.common.data.Values;
import io.jsalt.common.output.Display;
import io.jsalt.common.output.NoReturn;
import io.jsalt.common.output.OutputOptions;
import io.jsalt.common.output.Outputters;
import io.jsalt.common.proto.CliReply;
import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.PublishRequest;
import io.jsalt.common.text.Printable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jsalt TGT FUN [ARG ...] [key=value ...]}: Salt's {@code salt} command. */
@Command(name = "jsalt", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = "Run a function on the minions a target selects, through the local master.")
public final class JsaltMain implements Callable<Integer> {
    @Mixin
    ConfigDirOption configDir = new ConfigDirOption();

    @Option(names = {"-t", "--timeout"}, description = "Seconds to wait for returns before asking the missing minions.")
    Long timeout;

    @Option(names = {"-E", "--pcre"}, description = "Target is a regular expression on minion ids.")
    boolean pcre;

    @Option(names = {"-L", "--list"}, description = "Target is a comma-separated list of ids.")
    boolean list;

    @Option(names = {"-G", "--grain"}, description = "Target on grains: key:glob.")
    boolean grain;

    @Option(names = {"-P", "--grain-pcre"}, description = "Target on grains: key:regex.")
    boolean grainPcre;

    @Option(names = {"-I", "--pillar"}, description = "Target on pillar: key:glob.")
    boolean pillar;

    @Option(names = {"-J", "--pillar-pcre"}, description = "Target on pillar: key:regex.")
    boolean pillarPcre;

    @Option(names = {"-S", "--ipcidr"}, description = "Target on an IP address or CIDR subnet.")
    boolean ipcidr;

    @Option(names = {"-C", "--compound"}, description = "Compound target: G@roles:db and not web*.")
    boolean compound;

    @Option(names = {"-N", "--nodegroup"}, description = "Target a nodegroup from the master config.")
    boolean nodegroup;

    @Option(names = {"--async"}, description = "Print the job id and return at once.")
    boolean async;

    @Option(names = {"-b", "--batch", "--batch-size"}, description = "Run on N minions (or N%%) at a time.")
    String batch;

    @Mixin
    OutputFlags output = new OutputFlags();

    @Option(names = {"--static"}, description = "Collect all returns and print them together.")
    boolean staticOut;

    @Option(names = {"--retcode-passthrough"}, description = "Exit with the highest minion retcode.")
    boolean retcodePassthrough;

    @Option(names = {"-v", "--verbose"}, description = "Show the job id and more detail.")
    boolean verbose;

    @Option(names = {"--show-jid"}, description = "Print the job id.")
    boolean showJid;

    @Mixin
    StateOutputFlags stateFlags = new StateOutputFlags();

    @Mixin
    LogLevelOption log = new LogLevelOption();

    @Parameters(index = "0", paramLabel = "TARGET")
    String target;

    @Parameters(index = "1", paramLabel = "FUNCTION")
    String fun;

    @Parameters(index = "2..*", paramLabel = "ARG", description = "Arguments; key=value words are keyword arguments.")
    List<String> words = new ArrayList<>();

    /**
     * Returns print as they arrive on a terminal. Into a pipe or a file they are written in
     * blocks, as Python (and so Salt's salt command) writes there: one write per return cost
     * more than printing it, for 2,000 returns.
     */
    private final boolean live = System.console() != null;
    /** Made when the command runs, not for every command line read (the parsers make several). */
    private PrintStream stdout;
    /** The shutdown hook that flushes a block-written stdout while the command runs. */
    private Thread flushOnExit;

    /**
     * System.out's bytes in 64 KB blocks, in the charset System.out writes (the stdout encoding
     * where the JDK sets one, else the default). While the command runs a shutdown hook flushes
     * it: on Ctrl-C or SIGTERM the returns already received reach the pipe, as Python flushes
     * its stdout on the way out of a KeyboardInterrupt.
     */
    private PrintStream blockWritten() {
        String enc = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        java.nio.charset.Charset cs;
        try {
            cs = enc != null ? java.nio.charset.Charset.forName(enc) : java.nio.charset.Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            cs = java.nio.charset.Charset.defaultCharset();
        }
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 16), false, cs);
        // A class of its own rather than a method reference: the CLI's first lambda starts
        // the JDK's lambda machinery, which costs the command several milliseconds.
        flushOnExit = new Thread("jsalt-stdout-flush") {
            @Override
            public void run() {
                out.flush();
            }
        };
        Runtime.getRuntime().addShutdownHook(flushOnExit);
        return out;
    }
    private final PrintStream stderr = System.err;
    /** The control socket's channel, opened while the command reads its configuration. */
    private CliClient.OpenAhead ahead;

    String tgtType() {
        if (pcre) {
            return "pcre";
        }
        if (list) {
            return "list";
        }
        if (grain) {
            return "grain";
        }
        if (grainPcre) {
            return "grain_pcre";
        }
        if (pillar) {
            return "pillar";
        }
        if (pillarPcre) {
            return "pillar_pcre";
        }
        if (ipcidr) {
            return "ipcidr";
        }
        if (compound) {
            return "compound";
        }
        if (nodegroup) {
            return "nodegroup";
        }
        return "glob";
    }

    /**
     * Ids written literally in a target (every item of a -L list, a glob without glob
     * characters) must be valid ids, and no target may carry control characters: refused
     * with one line naming the argument before anything is sent to the master.
     */
    static void checkTarget(String tgtType, String target) {
        String problem = null;
        if (tgtType.equals("list") || tgtType.equals("glob")) {
            problem = MinionIds.argumentProblem(tgtType.equals("list") ? "-L" : "target", target);
        } else if (!Printable.isLine(target)) {
            problem = "invalid target '" + Printable.line(target) + "': it contains a control or format character";
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    @Override
    public Integer call() throws Exception {
        ahead = CliClient.OpenAhead.begin();
        stdout = live ? System.out : blockWritten();
        try {
            return execute();
        } finally {
            stdout.flush();
            if (flushOnExit != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(flushOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to: it flushes what is left
                }
                flushOnExit = null;
            }
            ahead.close();
        }
    }

    private int execute() throws Exception {
        // At the default level the CLI sets up no logging itself: nothing logs on the happy
        // path, and whatever logs later gets io.jsalt.common.DefaultLogging, which is the same
        // (warnings and errors on stderr). Setting logback up here cost a fifth of the command.
        if (!isDefaultLogLevel(log.logLevel)) {
            Logs.cli(log.logLevel);
        }
        checkTarget(tgtType(), target);
        Config config = configDir.load(Config.Role.MASTER);
        if (nodegroup && !config.map("nodegroups").containsKey(target)) {
            // Salt's LocalClient refuses an unknown -N nodegroup before publishing
            // (SaltInvocationError in salt/client/__init__.py); salt/cli/salt.py prints the
            // message as the output and, the output not being empty, exits 0.
            stdout.println("Node group " + target + " unavailable in " + config.str("conf_file"));
            return 0;
        }
        ArgParser.Parsed parsed = ArgParser.parse(words);
        PublishRequest.Builder req = PublishRequest.newBuilder()
                .setTgt(target)
                .setTgtType(tgtType())
                .setFun(fun)
                .setArg(Values.toProto(parsed.args()))
                .setKwarg(Values.toProto(parsed.kwargs()))
                .setTimeout(timeout != null ? timeout : config.integer("timeout"))
                .setAsync(async)
                .setUser(System.getProperty("user.name"));
        if (batch != null) {
            req.setBatch(batch);
        }
        OutputOptions opts = stateFlags.over(output.options(), config.opts());
        Printer printer = new Printer(opts);
        try (CliClient client = CliClient.connect(config.path("sock_dir"), ahead)) {
            CliReply last = client.call(CliRequest.newBuilder().setPublish(req).build(), reply -> printer.event(Values.mapFromProto(reply.getData())));
            if (!last.getError().isEmpty()) {
                stdout.flush();
                stderr.println(last.getError());
                return last.getExitCode();
            }
            Map<String, Object> end = Values.mapFromProto(last.getData());
            if ("async".equals(end.get("event"))) {
                stdout.println("Executed command with job ID: " + end.get("jid"));
                return 0;
            }
            printer.finish();
            if (retcodePassthrough) {
                return printer.maxRetcode;
            }
            if (printer.maxRetcode != 0 || printer.missing > 0) {
                stdout.flush();
                stderr.println("ERROR: Minions returned with non-zero exit code");
                return 1;
            }
            return 0;
        } catch (CliClient.MasterUnavailable e) {
            stderr.println(e.getMessage());
            return 2;
        }
    }

    /** Prints returns as they stream in, or all at once with --static. */
    private final class Printer {
        private final OutputOptions opts;
        private String jid;
        private final Map<String, Object> collected = new LinkedHashMap<>();
        private String collectedOut;
        int returned;
        int missing;
        int maxRetcode;

        Printer(OutputOptions opts) {
            this.opts = opts;
        }

        @SuppressWarnings("unchecked")
        void event(Map<String, Object> e) {
            String kind = String.valueOf(e.get("event"));
            switch (kind) {
                case "started" -> {
                    jid = String.valueOf(e.get("jid"));
                    if (verbose || showJid) {
                        stdout.println(verbose ? "Executing job with jid " + e.get("jid") : "jid: " + e.get("jid"));
                        if (verbose) {
                            stdout.println("-------------------------------------------");
                            stdout.println();
                        }
                    }
                }
                case "batch" -> {
                    if (!staticOut) {
                        stdout.println();
                        stdout.println("Executing run on " + io.jsalt.common.py.PyRepr.repr(e.get("minions")));
                        stdout.println();
                    }
                }
                case "return" -> {
                    returned++;
                    Map<String, Object> ret = (Map<String, Object>) e.get("ret");
                    Object rc = ret.get("retcode");
                    if (rc instanceof Number n && n.intValue() != 0) {
                        maxRetcode = Math.max(maxRetcode, n.intValue());
                    } else if (Boolean.FALSE.equals(ret.get("success")) && maxRetcode == 0) {
                        maxRetcode = 1;
                    }
                    String outName = output.out != null ? output.out : ret.get("out") instanceof String s ? s : null;
                    show(String.valueOf(e.get("id")), ret.get("return"), outName, rc instanceof Number n ? n.intValue() : 0);
                }
                case "missing" -> {
                    missing++;
                    String id = String.valueOf(e.get("id"));
                    String msg = "Not connected".equals(e.get("reason")) ? NoReturn.notConnected() : NoReturn.noResponse(jid);
                    if (staticOut) {
                        collected.put(id, msg);
                    } else {
                        String text = NoReturn.display(id, msg, output.out, opts);
                        if (!text.isEmpty()) {
                            stdout.print(text.endsWith("\n") ? text : text + "\n");
                        }
                    }
                }
                default -> { }
            }
        }

        private void show(String id, Object value, String outName, int retcode) {
            if (staticOut) {
                collected.put(id, value);
                if (collectedOut == null) {
                    collectedOut = outName;
                }
                return;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put(id, value);
            print(one, outName, retcode);
        }

        void finish() {
            if (staticOut && !collected.isEmpty()) {
                print(collected, output.out != null ? output.out : collectedOut, 0);
            }
        }

        private void print(Map<String, Object> data, String outName, int retcode) {
            String text = Display.text(Outputters.get(outName == null ? Outputters.DEFAULT : outName), data,
                    opts.withRetcode(retcode));
            stdout.print(text);
            if (live) {
                stdout.flush();
            }
        }
    }

    /** The console level the CLI logs at when -l is not given ({@link Logs#cli}). */
    static boolean isDefaultLogLevel(String level) {
        return level == null || level.equalsIgnoreCase("warning") || level.equalsIgnoreCase("warn");
    }

    /** The boolean flags {@link #parseCommon} reads: every short name is followed by its long one. */
    private static final String[] FLAGS = {
        "-E", "--pcre", "-L", "--list", "-G", "--grain", "-P", "--grain-pcre", "-I", "--pillar",
        "-J", "--pillar-pcre", "-S", "--ipcidr", "-C", "--compound", "-N", "--nodegroup", "--async", "--static",
        "--retcode-passthrough", "-v", "--verbose", "--show-jid", "--no-color", "--no-colour",
        "--force-color", "--force-colour"};

    /**
     * Reads a command line made only of the options as one word each ({@code -t 30},
     * {@code --out=json}, {@code -L}; no clusters such as {@code -Lv}, no option value or
     * argument starting with "-", each option at most once), a target, a function and its
     * arguments. Null for anything else ({@code --help}, {@code --version}, {@code --}, every
     * error), which is left to picocli: its reading of the annotations was a third of the
     * command's time. JsaltMainTest checks that both read every such command line alike.
     */
    static JsaltMain parseCommon(String[] args) {
        JsaltMain m = new JsaltMain();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> positional = new ArrayList<>();
        String configDir = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) {
                positional.add(a);
                continue;
            }
            int flag = java.util.Arrays.asList(FLAGS).indexOf(a);
            if (flag >= 0) {
                // A short flag is followed by its long name in FLAGS; "colour" is "color".
                String longName = (a.startsWith("--") ? a : FLAGS[flag + 1]).replace("colour", "color");
                if (!seen.add(longName)) {
                    return null;
                }
                m.setFlag(longName);
                continue;
            }
            String name = a;
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return null;
            }
            if (value.isEmpty() || value.startsWith("-")) {
                return null;
            }
            String key = switch (name) {
                case "-c", "--config-dir" -> "c";
                case "-t", "--timeout" -> "t";
                case "-b", "--batch", "--batch-size" -> "b";
                case "--out", "--output" -> "out";
                case "--out-indent", "--output-indent" -> "indent";
                case "--state-output", "--state_output" -> "so";
                case "--state-verbose", "--state_verbose" -> "sv";
                case "-l", "--log-level" -> "l";
                default -> null;
            };
            if (key == null || !seen.add(key)) {
                return null;
            }
            switch (key) {
                case "c" -> configDir = value;
                case "t" -> {
                    if (!isSmallNumber(value)) {
                        return null;
                    }
                    m.timeout = Long.valueOf(value);
                }
                case "b" -> m.batch = value;
                case "out" -> m.output.out = value;
                case "indent" -> {
                    if (!isSmallNumber(value)) {
                        return null;
                    }
                    m.output.outIndent = Integer.valueOf(value);
                }
                case "so" -> m.stateFlags.stateOutput = value;
                case "sv" -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        return null;
                    }
                    m.stateFlags.stateVerbose = Boolean.valueOf(value);
                }
                default -> m.log.logLevel = value;
            }
        }
        if (positional.size() < 2) {
            return null;
        }
        m.configDir.configDir = java.nio.file.Path.of(configDir != null ? configDir : ConfigDirOption.DEFAULT);
        m.target = positional.get(0);
        m.fun = positional.get(1);
        m.words.addAll(positional.subList(2, positional.size()));
        return m;
    }

    /** Digits only, without a leading zero, small enough for an int. */
    private static boolean isSmallNumber(String s) {
        return s.matches("0|[1-9][0-9]{0,8}");
    }

    private void setFlag(String longName) {
        switch (longName) {
            case "--pcre" -> pcre = true;
            case "--list" -> list = true;
            case "--grain" -> grain = true;
            case "--grain-pcre" -> grainPcre = true;
            case "--pillar" -> pillar = true;
            case "--pillar-pcre" -> pillarPcre = true;
            case "--ipcidr" -> ipcidr = true;
            case "--compound" -> compound = true;
            case "--nodegroup" -> nodegroup = true;
            case "--async" -> async = true;
            case "--static" -> staticOut = true;
            case "--retcode-passthrough" -> retcodePassthrough = true;
            case "--verbose" -> verbose = true;
            case "--show-jid" -> showJid = true;
            case "--no-color" -> output.noColor = true;
            default -> output.forceColor = true;
        }
    }

    /**
     * Runs the command: a common command line read by {@link #parseCommon}, anything else
     * by picocli; errors are reported alike either way ({@link Commands#handle}).
     */
    public static int run(String[] args) {
        JsaltMain m = parseCommon(args);
        if (m == null) {
            return Commands.run(new JsaltMain(), args);
        }
        try {
            return m.call();
        } catch (Exception e) {
            try {
                return Commands.handle(e, new java.io.PrintWriter(System.err, true));
            } catch (Exception bug) {
                // As picocli does with an exception its handler passes on: the trace, exit 1.
                bug.printStackTrace();
                return 1;
            }
        }
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }
}
