package io.jsalt.tools.compat;

import io.jsalt.common.data.Yaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real applies of a compatibility run, inside a fresh throwaway test host
 * ({@code bin/jsalt-testhost}, docs/testing.md) so this machine is never changed: the
 * formula's packages are downloaded into the host first (the host has no network), then
 * {@code jsalt-call --local state.apply TOP sync_mods=all} runs twice in it with the formula's
 * config (sync_mods: the formula's own _modules and _states, which Salt syncs by itself only at
 * a highstate).
 *
 * <p>Every formula's host is made on one sealed host, {@value #STANDARD}, that is what the
 * Debian 12 machines jsalt targets are and the build machine's image is not: its packages
 * upgraded to the archive's versions (an image older than its package lists makes apt upgrade
 * rather than remove a conflicting package, and then give up: ntp next to
 * systemd-timesyncd) and the packages of priority required and important that a standard
 * installation has and a minimal container image lacks (cron, for one), openssh-server as
 * a server VM has it, the locale
 * en_US.UTF-8 generated as the Debian installer leaves it, and {@code salt-call} as the
 * jsalt-minion package provides it (an alternative name of jsalt-call: Salt trees call it in
 * cmd.run and check_cmd). It is made once per run, the first time a formula is applied.
 *
 * <p>Every host boots systemd ({@code create --systemd}), as a Debian 12 VM does: some
 * packages' services exist only as systemd units or aliases (bind9, ntp) and some daemons read
 * the journal (fail2ban). Each has an eth0 with an address, as a VM has (create --eth0: a link of
 * the host's own that reaches nothing); the keepalived formula's example names it.
 */
final class HostApply implements AutoCloseable {
    /** A whole apply of a large formula (packages installed, services started) fits in this. */
    private static final long STEP_TIMEOUT_S = 900;

    /** The sealed host the formulas' hosts are made on. */
    static final String STANDARD = "compat-standard";

    /**
     * Prints, in a host, the packages of priority required or important (those of a standard
     * Debian installation) that are not installed: their candidates' records, less what dpkg
     * has installed.
     */
    private static final String LACKING_STANDARD = "dpkg-query -W -f='${db:Status-Status} ${Package}\\n'"
            + " | awk '$1 == \"installed\" { print $2 }' >/tmp/installed"
            + " && apt-cache dumpavail | awk 'NR == FNR { have[$1] = 1; next } /^Package: / { p = $2 }"
            + " /^Priority: (required|important)$/ && !(p in have) { print p }' /tmp/installed - | sort -u";

    /** The installer's locale, generated as a Debian 12 installation in English has it. */
    private static final String STANDARD_SETUP = "grep -qx 'en_US.UTF-8 UTF-8' /etc/locale.gen"
            + " || echo 'en_US.UTF-8 UTF-8' >>/etc/locale.gen; locale-gen";

    private final Path home;
    private final Path debs;
    private final Path hosts;
    private boolean standardMade;

    /**
     * home: the jsalt checkout (its bin/); work: the run's work directory, which holds the
     * package cache kept between hosts (debs/) and the run's test hosts (hosts/), so runs with
     * different work directories do not share hosts.
     */
    HostApply(Path home, Path work) {
        this.home = home;
        this.debs = work.resolve("debs");
        this.hosts = work.resolve("hosts");
    }

    /** The two applies' outcomes, and the package download's error when it failed. */
    record Applied(RunOutcome first, RunOutcome second, String fetchError) {
    }

    Applied apply(Formula formula, Path configDir, Collection<String> packages) throws IOException, InterruptedException {
        makeStandard();
        String host = "compat-" + formula.name();
        Result created = run(List.of("create", host, "--base", STANDARD, "--systemd", "--eth0"));
        if (created.code != 0) {
            // This formula's apply fails with the reason; the run goes on with the others.
            RunOutcome none = new RunOutcome(0, 0, 0, "cannot create test host " + host + ": " + lastLine(created.errors), null);
            return new Applied(none, none, null);
        }
        try {
            String fetchError = null;
            if (!packages.isEmpty()) {
                List<String> fetch = new ArrayList<>(List.of("fetch", host));
                fetch.addAll(packages);
                Result r = run(fetch);
                if (r.code != 0) {
                    fetchError = "fetch " + String.join(" ", packages) + ": " + lastLine(r.errors);
                }
            }
            RunOutcome first = stateApply(host, formula, configDir);
            RunOutcome second = stateApply(host, formula, configDir);
            return new Applied(first, second, fetchError);
        } finally {
            run(List.of("destroy", host));
        }
    }

    /** Makes the sealed host {@value #STANDARD} (see the class comment), once. */
    private void makeStandard() throws IOException, InterruptedException {
        if (standardMade) {
            return;
        }
        standardMade = true;
        check(run(List.of("create", STANDARD, "--systemd")), "cannot create test host " + STANDARD);
        Result lacking = check(run(List.of("exec", STANDARD, "sh", "-c", LACKING_STANDARD)),
                "cannot list the standard packages " + STANDARD + " lacks");
        List<String> install = new ArrayList<>();
        for (String line : lacking.output.split("\n")) {
            String name = line.strip();
            // A package name as Debian spells them; anything else in apt's output is not one.
            if (name.matches("[a-z0-9][a-z0-9+.-]+")) {
                install.add(name);
            }
        }
        // The Debian installer leaves the locale it was installed in generated (en_US.UTF-8 by
        // default); a minimal container image has no locales package at all. A server VM is
        // reached by SSH: openssh-server (the installer's "SSH server" task, every cloud image).
        install.add("locales");
        install.add("openssh-server");
        List<String> fetch = new ArrayList<>(List.of("fetch", STANDARD, "--upgrade"));
        fetch.addAll(install);
        check(run(fetch), "cannot download the upgrades and standard packages for " + STANDARD);
        check(run(List.of("exec", STANDARD, "apt-get", "-q", "-y", "dist-upgrade")), "apt-get dist-upgrade failed in " + STANDARD);
        if (!install.isEmpty()) {
            List<String> cmd = new ArrayList<>(List.of("exec", STANDARD, "apt-get", "-q", "-y", "install"));
            cmd.addAll(install);
            check(run(cmd), "apt-get install of the standard packages failed in " + STANDARD);
        }
        check(run(List.of("exec", STANDARD, "sh", "-c", STANDARD_SETUP)), "cannot set up " + STANDARD);
        check(run(List.of("exec", STANDARD, "ln", "-sf", home.resolve("bin/jsalt-call").toString(), "/usr/local/bin/salt-call")),
                "cannot link salt-call in " + STANDARD);
        check(run(List.of("seal", STANDARD)), "cannot seal test host " + STANDARD);
    }

    private static Result check(Result r, String what) throws IOException {
        if (r.code != 0) {
            throw new IOException(what + ": " + lastLine(r.errors.isBlank() ? r.output : r.errors));
        }
        return r;
    }

    /** Deletes the sealed host, once every formula's host is gone. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (standardMade) {
            run(List.of("destroy", STANDARD));
        }
    }

    private RunOutcome stateApply(String host, Formula formula, Path configDir) throws IOException, InterruptedException {
        Result r = run(List.of("exec", host, home.resolve("bin/jsalt-call").toString(), "-c", configDir.toString(),
                "--local", "--out", "json", "state.apply", formula.top(), "sync_mods=all"));
        int brace = r.output.indexOf('{');
        if (brace < 0) {
            return new RunOutcome(0, 0, 0, "jsalt-call printed no result: " + lastLine(r.errors), null);
        }
        try {
            Object local = Yaml.loadMap(r.output.substring(brace), "jsalt-call output").get("local");
            return RunOutcome.of(local instanceof Map || local instanceof List ? local : String.valueOf(local));
        } catch (RuntimeException e) {
            return new RunOutcome(0, 0, 0, "unreadable jsalt-call output: " + e.getMessage(), null);
        }
    }

    private record Result(int code, String output, String errors) {
    }

    /** Runs bin/jsalt-testhost with stdout captured and stderr captured. */
    private Result run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin/jsalt-testhost").toString());
        cmd.addAll(args);
        Files.createDirectories(debs);
        Path log = Files.createTempFile("jsalt-compat", ".out");
        Path err = Files.createTempFile("jsalt-compat", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(log.toFile()).redirectError(err.toFile());
            pb.environment().put("JSALT_TESTHOST_DEBS", debs.toString());
            pb.environment().put("JSALT_TESTHOST_DIR", hosts.toString());
            Process p = pb.start();
            if (!p.waitFor(STEP_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                return new Result(124, "", "timed out after " + STEP_TIMEOUT_S + " s: " + String.join(" ", args));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(err);
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }
}
