package io.jsalt.tools.compat;

import io.jsalt.common.Logs;
import io.jsalt.common.data.Yaml;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jsalt-compat}: runs public Salt formulas through jsalt (docs/compatibility.md). For
 * each formula: state.show_sls of every SLS and state.apply test=True of its top SLS, here
 * and masterless with its pillar.example; with {@code --apply}, a real apply and a second one
 * inside a fresh test host. Prints one table and can write it as markdown.
 */
@Command(name = "jsalt-compat", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = {"Render and dry-run Salt formula checkouts with jsalt; optionally apply them twice in "
                + "throwaway test hosts. Prints one table row per formula."})
public final class CompatMain implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", arity = "0..*", description = "Formula checkouts (e.g. openssh-formula).")
    List<Path> dirs = new ArrayList<>();

    @Option(names = "--list", paramLabel = "FILE",
            description = "Corpus list (YAML: formulas with name, url, commit, apply, optional top, pillar and outside, why "
                    + "its failures are not jsalt's); its formulas are the "
                    + "checkouts NAME-formula under --corpus.")
    Path list;

    @Option(names = "--corpus", paramLabel = "DIR", defaultValue = "/var/tmp/jsalt-compat/corpus",
            description = "Where the listed formulas are checked out (default: ${DEFAULT-VALUE}).")
    Path corpus;

    @Option(names = "--fetch", description = "git clone the listed formulas that are missing under --corpus "
            + "and check out the listed commit (the only step that uses the network).")
    boolean fetch;

    @Option(names = "--apply", description = "Apply the formulas (with --list: those marked apply) twice, each "
            + "in a fresh test host.")
    boolean apply;

    @Option(names = "--top", paramLabel = "SLS", description = "The SLS to dry-run and apply for the DIR "
            + "formulas (default: the state directory's init.sls).")
    String top;

    @Option(names = "--only", paramLabel = "NAME", split = ",", description = "Run only these formulas of the list.")
    List<String> only;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write the table and the failures as markdown: "
            + "between the lines <!-- compat-table --> and <!-- /compat-table --> when FILE has them, else the whole file.")
    Path markdown;

    @Option(names = "--work", paramLabel = "DIR", defaultValue = "/var/tmp/jsalt-compat/work",
            description = "Scratch directory: per-formula config, pillar and cache, the package cache and the test "
                    + "hosts (default: ${DEFAULT-VALUE}); one run at a time uses it, and with --apply it must not be "
                    + "under /tmp, /run or /dev.")
    Path work;

    @Option(names = {"-l", "--log-level"}, defaultValue = "quiet", description = "Console log level (default: quiet; the table says what failed).")
    String logLevel;

    @Override
    public Integer call() throws Exception {
        Logs.cli(logLevel);
        long started = System.nanoTime();
        List<Formula> formulas = new ArrayList<>();
        if (list != null) {
            formulas.addAll(listed());
        }
        for (Path d : dirs) {
            formulas.add(Formula.at(d, top, null, gitHead(d), apply));
        }
        if (formulas.isEmpty()) {
            throw new IllegalArgumentException("no formulas: give checkout directories or --list FILE");
        }
        if (apply) {
            for (Formula f : formulas) {
                if (f.apply()) {
                    seenByHosts("formula " + f.name() + "'s checkout", f.root());
                }
            }
            seenByHosts("--work", work);
        }
        PrintStream out = System.out;
        List<CompatRow> rows = new ArrayList<>();
        Files.createDirectories(work);
        try (FileChannel lock = FileChannel.open(work.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = tryLock(lock)) {
            if (held == null) {
                throw new IllegalArgumentException("--work " + work + " is in use by another jsalt-compat run (it holds "
                        + work.resolve(".lock") + "): give this run another --work");
            }
            run(formulas, rows, out);
        }
        CompatReport report = new CompatReport(rows);
        out.println(report.summary());
        if (!report.summaryWithoutOutside().isEmpty()) {
            out.println(report.summaryWithoutOutside());
        }
        out.printf(Locale.ROOT, "runtime: %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        if (markdown != null) {
            report.writeMarkdown(markdown);
        }
        return 0;
    }

    /** The lock, or null when another run (in this JVM too) holds it. */
    private static FileLock tryLock(FileChannel lock) throws IOException {
        try {
            return lock.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /**
     * A test host gets a fresh /tmp, /run and /dev, so a directory there that jsalt-call in a
     * host must read (the formula's file root, the work directory's config and pillar) would be
     * missing in it: refused up front rather than failing every apply with "No matching sls".
     */
    static void seenByHosts(String what, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            abs = abs.toRealPath();
        } catch (IOException e) {
            // Not made yet: its own path is where it will be.
        }
        for (String fresh : List.of("/tmp", "/run", "/dev")) {
            if (abs.startsWith(fresh)) {
                throw new IllegalArgumentException(what + " " + dir + " is under " + fresh + ", which test hosts get fresh "
                        + "(they would not see it): with --apply use a directory elsewhere, e.g. under /var/tmp");
            }
        }
    }

    private void run(List<Formula> formulas, List<CompatRow> rows, PrintStream out) throws IOException, InterruptedException {
        out.println(CompatRow.HEADER);
        try (HostApply host = new HostApply(Path.of(System.getProperty("jsalt.home", ".")), work)) {
            for (Formula f : formulas) {
                CompatRow row = check(f, host);
                rows.add(row);
                out.println(row.line());
                out.flush();
            }
        }
    }

    private CompatRow check(Formula f, HostApply host) throws IOException, InterruptedException {
        List<String> names = f.slsNames();
        CompatRow row = new CompatRow(f, names.size());
        try (FormulaCheck check = new FormulaCheck(f, work)) {
            for (String sls : names) {
                String error = check.render(sls);
                if (error != null) {
                    row.renderErrors.put(sls, error);
                }
            }
            row.dryRun = check.dryRun();
            if (f.apply() && apply) {
                HostApply.Applied a = host.apply(f, check.configDir(), FormulaCheck.packages(check.highData()));
                row.applied = a;
            }
        }
        return row;
    }

    /** The formulas of --list, fetched first with --fetch. */
    @SuppressWarnings("unchecked")
    private List<Formula> listed() throws IOException, InterruptedException {
        Map<String, Object> doc = Yaml.loadMap(Files.readString(list, StandardCharsets.UTF_8), list.toString());
        if (!(doc.get("formulas") instanceof List<?> entries)) {
            throw new IllegalArgumentException(list + ": expected a 'formulas' list");
        }
        List<Formula> out = new ArrayList<>();
        for (Object o : entries) {
            if (!(o instanceof Map<?, ?> e) || !(e.get("name") instanceof String name) || !(e.get("url") instanceof String url)
                    || !(e.get("commit") instanceof String commit) || !commit.matches("[0-9a-f]{40}")
                    || !name.matches("[a-z0-9][a-z0-9_.-]*")) {
                throw new IllegalArgumentException(list + ": each formula needs a name ([a-z0-9_.-]), a url and a "
                        + "40-hex commit: " + o);
            }
            if (only != null && !only.contains(name)) {
                continue;
            }
            Path dir = corpus.resolve(name + "-formula");
            if (fetch) {
                gitFetch(url, commit, dir);
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(dir + ": missing checkout of " + name + " (add --fetch to clone " + url + ")");
            }
            Object entryTop = e.get("top");
            Object entryPillar = e.get("pillar");
            Formula f = Formula.at(dir, entryTop instanceof String t ? t : null, entryPillar instanceof String p ? p : null,
                    gitHead(dir), Boolean.TRUE.equals(e.get("apply")));
            Object outside = e.get("outside");
            if (outside != null && !(outside instanceof String)) {
                throw new IllegalArgumentException(list + ": formula " + name + ": 'outside' must be a one-line reason");
            }
            out.add(outside == null ? f : f.outsideJsalt((String) outside));
        }
        return out;
    }

    private static void gitFetch(String url, String commit, Path dir) throws IOException, InterruptedException {
        if (!url.startsWith("https://")) {
            throw new IllegalArgumentException("formula url must be https://: " + url);
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            git(null, "clone", "-q", "--", url, dir.toString());
        }
        if (!commit.equals(gitHead(dir))) {
            git(dir, "checkout", "-q", commit);
        }
    }

    private static void git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        if (dir != null) {
            cmd.addAll(List.of("-C", dir.toString()));
        }
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("failed: " + String.join(" ", cmd));
        }
    }

    /** The checkout's HEAD commit, or null when it is not a git checkout. */
    static String gitHead(Path dir) throws IOException, InterruptedException {
        if (!Files.exists(dir.resolve(".git"))) {
            return null;
        }
        Process p = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD").redirectErrorStream(true).start();
        String head = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        return p.waitFor() == 0 ? head : null;
    }

    public static void main(String[] args) {
        System.exit(io.jsalt.common.cli.Commands.run(new CompatMain(), args));
    }
}
