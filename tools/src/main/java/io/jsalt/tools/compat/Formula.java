package io.jsalt.tools.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One Salt formula checkout as jsalt-compat reads it: the checkout is the file root, its state
 * directory holds the SLS files (the directory named after the formula, as the
 * saltstack-formulas layout has it: {@code openssh-formula/openssh/init.sls}), and its
 * {@code pillar.example} is the pillar unless the corpus list names other files.
 *
 * @param name    the formula's name ({@code openssh} for {@code openssh-formula})
 * @param root    the checkout (the file root: {@code salt://openssh/...} resolves under it)
 * @param states  the state directory's name
 * @param top     the SLS the dry-run and the applies run (the state directory's init.sls unless
 *                the corpus list names another: a formula without an init.sls needs one)
 * @param pillars the pillar files: the pillar example, or the files the corpus list names (none
 *                when the formula has no example)
 * @param commit  the commit the checkout is at, or null when unknown
 * @param apply   whether {@code --apply} applies this formula in a test host
 * @param outside why the formula's failures are outside jsalt (Salt fails the same way: it needs
 *                the network, another system, a package Debian 12 lacks or breaks), or null
 */
public record Formula(String name, Path root, String states, String top, List<Path> pillars, String commit, boolean apply,
                      String outside) {
    /** Top-level directories of a checkout that are never its state directory. */
    private static final Set<String> NOT_STATES = Set.of("test", "tests", "docs", "pillar", "bin", "_modules",
            "_states", "_grains");

    /**
     * Reads a checkout's layout. The state directory is the one named after the formula, else
     * the only other top-level directory holding an init.sls. top: the SLS to run, or null for
     * the state directory's own (its init.sls). pillarFiles: the pillar file, or several
     * separated by commas, as a formula's test suite gives each pillar SLS its own file
     * (relative to the checkout), or null for its pillar.example.
     */
    public static Formula at(Path root, String top, String pillarFiles, String commit, boolean apply) {
        String dirName = root.toAbsolutePath().normalize().getFileName().toString();
        String name = dirName.endsWith("-formula") ? dirName.substring(0, dirName.length() - "-formula".length())
                : dirName;
        String states;
        if (Files.isDirectory(root.resolve(name))) {
            states = name;
        } else {
            List<String> found = new ArrayList<>();
            try (Stream<Path> s = Files.list(root)) {
                s.filter(p -> Files.isRegularFile(p.resolve("init.sls")))
                        .map(p -> p.getFileName().toString())
                        .filter(n -> !NOT_STATES.contains(n) && !n.startsWith("."))
                        .sorted().forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(root + ": cannot list the formula: " + e.getMessage(), e);
            }
            if (found.size() != 1) {
                throw new IllegalArgumentException(root + ": not a formula checkout: expected one top-level state "
                        + "directory with an init.sls" + (found.isEmpty() ? "" : ", found " + found));
            }
            states = found.get(0);
        }
        if (top == null && !Files.isRegularFile(root.resolve(states).resolve("init.sls"))) {
            throw new IllegalArgumentException(root + ": " + states + "/ has no init.sls: name the SLS to run "
                    + "(the corpus list's top)");
        }
        List<Path> pillars = new ArrayList<>();
        if (pillarFiles == null) {
            Path example = root.resolve("pillar.example");
            if (Files.isRegularFile(example)) {
                pillars.add(example);
            }
        } else {
            for (String file : pillarFiles.split(",")) {
                Path pillar = root.resolve(file.strip()).normalize();
                if (!pillar.startsWith(root.normalize()) || !Files.isRegularFile(pillar)) {
                    throw new IllegalArgumentException(root + ": pillar " + file.strip() + " is not a file of the checkout");
                }
                pillars.add(pillar);
            }
        }
        return new Formula(name, root, states, top == null ? states : top, List.copyOf(pillars), commit, apply, null);
    }

    /** This formula with its failures marked as outside jsalt, for the reason given (one line). */
    public Formula outsideJsalt(String reason) {
        if (reason == null || reason.isBlank() || reason.contains("\n")) {
            throw new IllegalArgumentException(name + ": 'outside' must be a one-line reason");
        }
        return new Formula(name, root, states, top, pillars, commit, apply, reason.strip());
    }

    /**
     * Every SLS of the state directory by its Salt name ({@code openssh.config};
     * {@code openssh/init.sls} is {@code openssh}), sorted. Files under a {@code files}
     * directory are served files, not states, and are left out.
     */
    public List<String> slsNames() {
        Path dir = root.resolve(states);
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".sls") && Files.isRegularFile(p))
                    .map(p -> root.relativize(p))
                    .filter(rel -> {
                        for (Path part : rel) {
                            if (part.toString().equals("files")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .map(Formula::slsName).sorted().forEach(names::add);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list SLS files: " + e.getMessage(), e);
        }
        return names;
    }

    private static String slsName(Path rel) {
        String s = rel.toString().replace('/', '.');
        s = s.substring(0, s.length() - ".sls".length());
        return s.endsWith(".init") ? s.substring(0, s.length() - ".init".length()) : s;
    }
}
