package io.jsalt.master.cli;

import io.jsalt.common.Logs;
import io.jsalt.common.MinionIds;
import io.jsalt.common.cli.Commands;
import io.jsalt.common.cli.ConfigDirOption;
import io.jsalt.common.config.Config;
import io.jsalt.common.data.Values;
import io.jsalt.common.output.OutputOptions;
import io.jsalt.common.proto.CliReply;
import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.KeyRequest;
import io.jsalt.master.keys.KeyChange;
import io.jsalt.master.keys.KeyFormatter;
import io.jsalt.master.keys.KeyOperations;
import io.jsalt.master.keys.KeyState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jsalt-key}: Salt's {@code salt-key}. Goes through the running master so that a
 * rejected or deleted key loses its connection at once; with no master running it works
 * on the pki dir directly.
 */
@Command(name = "jsalt-key", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = "List, accept, reject and delete minion keys.")
public final class JsaltKeyMain implements Callable<Integer> {
    @Mixin
    ConfigDirOption configDir = new ConfigDirOption();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Action action = new Action();

    static final class Action {
        @Option(names = {"-L", "--list-all"}, description = "List all keys.")
        boolean listAll;
        @Option(names = {"-l", "--list"}, paramLabel = "ARG",
                description = "List keys: pre|un|unaccepted, acc|accepted, rej|rejected, den|denied, all.")
        String list;
        @Option(names = {"-a", "--accept"}, paramLabel = "GLOB", description = "Accept the matching pending keys.")
        String accept;
        @Option(names = {"-A", "--accept-all"}, description = "Accept all pending keys.")
        boolean acceptAll;
        @Option(names = {"-r", "--reject"}, paramLabel = "GLOB", description = "Reject the matching pending keys.")
        String reject;
        @Option(names = {"-R", "--reject-all"}, description = "Reject all pending keys.")
        boolean rejectAll;
        @Option(names = {"-d", "--delete"}, paramLabel = "GLOB", description = "Delete the matching keys.")
        String delete;
        @Option(names = {"-D", "--delete-all"}, description = "Delete all keys.")
        boolean deleteAll;
        @Option(names = {"-f", "--finger"}, paramLabel = "GLOB", description = "Print fingerprints of matching keys.")
        String finger;
        @Option(names = {"-F", "--finger-all"}, description = "Print all fingerprints.")
        boolean fingerAll;
    }

    @Option(names = {"-y", "--yes"}, description = "Answer yes to all questions.")
    boolean yes;

    @Option(names = {"--include-rejected"}, description = "Also accept rejected keys.")
    boolean includeRejected;

    @Option(names = {"--include-denied"}, description = "Also accept or reject denied keys.")
    boolean includeDenied;

    @Option(names = {"--include-accepted"}, description = "Also reject accepted keys.")
    boolean includeAccepted;

    @Option(names = {"--include-all"}, description = "Include accepted, rejected and denied keys.")
    boolean includeAll;

    @Option(names = {"--out", "--output"}, description = "Output: key (default) or json.")
    String out;

    @Option(names = {"--no-color", "--no-colour"}, description = "Never colour the output.")
    boolean noColor;

    @Option(names = {"--force-color", "--force-colour"}, description = "Always colour the output.")
    boolean forceColor;

    @Option(names = {"--log-level"}, description = "Console log level (default: warning).")
    String logLevel;

    private Config config;

    @Override
    public Integer call() throws Exception {
        Logs.cli(logLevel);
        checkGlob("-a", action.accept);
        checkGlob("-r", action.reject);
        checkGlob("-d", action.delete);
        checkGlob("-f", action.finger);
        config = configDir.load(Config.Role.MASTER);
        if (includeAll) {
            includeAccepted = includeRejected = includeDenied = true;
        }
        boolean color = OutputOptions.colorFor(System.console() != null, noColor, forceColor);
        boolean json = "json".equals(out);
        Action a = action;
        if (a.accept != null || a.acceptAll) {
            return change("accept", a.acceptAll ? "*" : a.accept, color);
        }
        if (a.reject != null || a.rejectAll) {
            return change("reject", a.rejectAll ? "*" : a.reject, color);
        }
        if (a.delete != null || a.deleteAll) {
            return change("delete", a.deleteAll ? "*" : a.delete, color);
        }
        if (a.finger != null || a.fingerAll) {
            Map<String, Object> r = call(KeyRequest.newBuilder().setAction(KeyRequest.Action.FINGER)
                    .setMatch(a.fingerAll ? "*" : a.finger).build());
            var report = KeyActions.reportFromData(r);
            System.out.print(json ? KeyFormatter.json(report) : KeyFormatter.fingerprints(report, color));
            return 0;
        }
        Map<KeyState, List<String>> keys = KeyActions.fromData(call(KeyRequest.newBuilder().setAction(KeyRequest.Action.LIST).build()).get("keys"));
        Set<KeyState> shown = a.list == null ? EnumSet.allOf(KeyState.class) : states(a.list);
        Map<KeyState, List<String>> filtered = new EnumMap<>(KeyState.class);
        for (KeyState s : shown) {
            filtered.put(s, keys.get(s));
        }
        System.out.print(json ? KeyFormatter.json(filtered) : KeyFormatter.list(filtered, color));
        return 0;
    }

    /** A key glob must be printable and, where it names one id, a valid id: refused before anything runs. */
    static void checkGlob(String option, String glob) {
        String problem = glob == null ? null : MinionIds.argumentProblem(option, glob);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    static Set<KeyState> states(String arg) {
        switch (arg) {
            case "pre", "un", "unaccepted" -> {
                return EnumSet.of(KeyState.PENDING);
            }
            case "acc", "accepted" -> {
                return EnumSet.of(KeyState.ACCEPTED);
            }
            case "rej", "rejected" -> {
                return EnumSet.of(KeyState.REJECTED);
            }
            case "den", "denied" -> {
                return EnumSet.of(KeyState.DENIED);
            }
            case "all" -> {
                return EnumSet.allOf(KeyState.class);
            }
            default -> throw new IllegalArgumentException("'" + arg
                    + "' is not a valid argument to '-l': use pre, un, unaccepted, acc, accepted, rej, rejected, den, denied or all");
        }
    }

    private int change(String verb, String glob, boolean color) throws Exception {
        Set<KeyState> from = switch (verb) {
            case "accept" -> EnumSet.of(KeyState.PENDING);
            case "reject" -> EnumSet.of(KeyState.PENDING);
            default -> EnumSet.allOf(KeyState.class);
        };
        if (verb.equals("accept") && includeRejected) {
            from.add(KeyState.REJECTED);
        }
        if (!verb.equals("delete") && includeDenied) {
            from.add(KeyState.DENIED);
        }
        if (verb.equals("reject") && includeAccepted) {
            from.add(KeyState.ACCEPTED);
        }
        Map<KeyState, List<String>> matched = KeyActions.fromData(call(KeyRequest.newBuilder().setAction(KeyRequest.Action.MATCH)
                .setMatch(glob).build()).get("keys"));
        Map<KeyState, List<String>> affected = new EnumMap<>(KeyState.class);
        boolean any = false;
        for (KeyState s : from) {
            List<String> ids = matched.getOrDefault(s, List.of());
            if (!ids.isEmpty()) {
                affected.put(s, ids);
                any = true;
            }
        }
        if (!any) {
            System.out.print(KeyFormatter.noMatch(glob, verb.equals("reject") && includeAccepted || verb.equals("delete"),
                    verb.equals("accept") && includeRejected || verb.equals("delete"),
                    includeDenied || verb.equals("delete")));
            return 0;
        }
        if (!yes) {
            System.out.print(KeyFormatter.preview(verb, affected, color));
            // Salt reads the answer from whatever stdin is: from a script or cron that is end
            // of input, a silent "no" with exit 0, and the keys stay as they were unnoticed.
            if (!stdinIsTerminal()) {
                System.out.flush();
                System.err.println("ERROR: no terminal to ask 'Proceed?' on: add -y (--yes) to " + verb
                        + " these keys without asking");
                System.err.flush();
                return 1;
            }
            System.out.print(verb.equals("delete") ? "Proceed? [N/y] " : "Proceed? [n/Y] ");
            System.out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            boolean proceed = answer != null
                    && (verb.equals("delete") ? answer.trim().toLowerCase().startsWith("y")
                    : !answer.trim().toLowerCase().startsWith("n"));
            if (!proceed) {
                return 0;
            }
        }
        KeyRequest req = KeyRequest.newBuilder()
                .setAction(KeyRequest.Action.valueOf(verb.toUpperCase(Locale.ROOT)))
                .setMatch(glob)
                .setIncludeRejected(includeRejected)
                .setIncludeDenied(includeDenied)
                .setIncludeAccepted(includeAccepted)
                .build();
        List<KeyChange> changes = KeyActions.changesFromData(call(req).get("changes"));
        System.out.print(KeyFormatter.done(verb, changes));
        return 0;
    }

    /**
     * Whether the question can be answered: stdin is a terminal. System.console() says so
     * only when stdout is one too, so {@code jsalt-key -A | tee log} asks through where
     * stdin leads (Linux's /proc/self/fd/0) as well.
     */
    static boolean stdinIsTerminal() {
        if (System.console() != null) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Through the master when it runs; otherwise directly on the pki dir. */
    private Map<String, Object> call(KeyRequest req) throws Exception {
        try (CliClient client = CliClient.connect(config.path("sock_dir"))) {
            CliReply last = client.call(CliRequest.newBuilder().setKey(req).build(), r -> { });
            if (!last.getError().isEmpty()) {
                throw new IllegalStateException(last.getError());
            }
            return Values.mapFromProto(last.getData());
        } catch (CliClient.MasterUnavailable e) {
            return KeyActions.run(KeyOperations.fromOpts(config.opts()), req);
        }
    }

    public static void main(String[] args) {
        System.exit(Commands.run(new JsaltKeyMain(), args));
    }
}
