package io.jsalt.minion.modules;

import io.jsalt.common.Version;
import io.jsalt.common.data.Data;
import io.jsalt.common.host.HostFiles;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.CommandExecutionError;
import io.jsalt.common.plugin.ExecutionPlugin;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.InvocationError;
import io.jsalt.common.py.Hashlib;
import io.jsalt.minion.grains.CoreGrains;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Salt's test module: connectivity, argument passing and return-code checks. */
public final class TestModule implements ExecutionPlugin {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String doc() {
        return "Module for running arbitrary tests.";
    }

    @Fn(doc = """
            Used to make sure the minion is up and responding. Not an ICMP ping.

            Returns True.""",
            example = "jsalt '*' test.ping")
    public Object ping(Call c) {
        return true;
    }

    @Fn(doc = "Return a string - used for testing the connection.", example = "jsalt '*' test.echo 'foo bar baz quo qux'")
    public Object echo(Call c) {
        return c.required(0, "text");
    }

    @Fn(doc = """
            Instruct the minion to initiate a process that will sleep for a given period of time.

            length
                Seconds to sleep (an integer).""",
            example = "jsalt '*' test.sleep 20")
    public Object sleep(Call c) throws InterruptedException {
        Thread.sleep(Math.max(0, c.integer(0, "length", 0)) * 1000L);
        return true;
    }

    @Fn(doc = """
            Sleep for a random number of seconds between 0 and max (default 60), used to test long-running commands \
            and minions returning at differing intervals.""",
            example = "jsalt '*' test.rand_sleep 60")
    public Object rand_sleep(Call c) throws InterruptedException {
        long max = c.integer(0, "max", 60);
        Thread.sleep(RANDOM.nextInt((int) Math.max(0, max) + 1) * 1000L);
        return true;
    }

    @Fn(doc = "Return the version of jsalt on the minion.", example = "jsalt '*' test.version")
    public Object version(Call c) {
        return Version.VERSION;
    }

    @Fn(doc = "Returns versions of components used by jsalt, as one text block.",
            example = "jsalt '*' test.versions_report")
    public Object versions_report(Call c) {
        return VersionsReport.text(c.ctx().grains());
    }

    @Fn(doc = """
            Print out the data passed into the function *args and **kwargs, used to test the publication data and CLI \
            argument passing. Returns {"args": args, "kwargs": kwargs}.""",
            example = "jsalt '*' test.arg 1 \"two\" 3.1 txt=\"hello\" wow='{a: 1, b: \"hello\"}'")
    public Object arg(Call c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("args", new ArrayList<>(c.args()));
        out.put("kwargs", c.userKwargs());
        return out;
    }

    @Fn(doc = "Print out the keyword arguments passed into the function.",
            example = "jsalt '*' test.kwarg num=1 txt=\"two\" env='{a: 1, b: \"hello\"}'")
    public Object kwarg(Call c) {
        return c.userKwargs();
    }

    @Fn(doc = """
            Test that the return code system is functioning correctly: sets the job's retcode.

            code
                The retcode to set (default 42).""",
            example = "jsalt '*' test.retcode 42")
    public Object retcode(Call c) {
        c.retcode((int) c.integer(0, "code", 42));
        return true;
    }

    @Fn(doc = "Raise an exception, optionally with the given message (default \"Test Exception\").",
            example = "jsalt '*' test.exception 'Oh noes!'")
    public Object exception(Call c) {
        throw new RuntimeException(c.str(0, "message", "Test Exception"));
    }

    @Fn(name = "true", doc = "Always return True.", example = "jsalt '*' test.true")
    public Object true_(Call c) {
        return true;
    }

    @Fn(name = "false", doc = "Always return False.", example = "jsalt '*' test.false")
    public Object false_(Call c) {
        return false;
    }

    @Fn(doc = "Return the data passed in, to test the outputter.", example = "jsalt '*' test.outputter foobar")
    public Object outputter(Call c) {
        return c.required(0, "data");
    }

    @Fn(doc = "Return the configuration options passed to this minion.", example = "jsalt '*' test.get_opts")
    public Object get_opts(Call c) {
        return Data.deepCopy(c.ctx().opts());
    }

    @Fn(doc = """
            Return the hex digest of a hash of a random number.

            size
                Upper bound of the random number (default 9999999999).
            hash_type
                md5, sha1, sha256, sha512... (default: the hash_type option, else sha256).""",
            example = "jsalt '*' test.random_hash")
    public Object random_hash(Call c) {
        long size = c.integer(0, "size", 9999999999L);
        String type = c.str(1, "hash_type", null);
        if (type == null || type.isEmpty()) {
            Object opt = c.ctx().opts().get("hash_type");
            type = opt == null ? "sha256" : opt.toString();
        }
        long n = size <= 0 ? 0 : RANDOM.nextLong(size + 1);
        return hex(type, Long.toString(n));
    }

    @Fn(doc = """
            Return the num-th Fibonacci number and the time it took to compute it in seconds, as [number, seconds]. \
            Used for performance tests.""",
            example = "jsalt '*' test.fib 3")
    public Object fib(Call c) {
        long num = c.integer(0, "num", 0);
        if (num < 0) {
            throw new InvocationError("Negative number is not allowed!");
        }
        long start = System.nanoTime();
        java.math.BigInteger prev = java.math.BigInteger.ZERO;
        java.math.BigInteger curr = java.math.BigInteger.ONE;
        if (num < 2) {
            curr = java.math.BigInteger.valueOf(num);
        } else {
            for (long i = 1; i < num; i++) {
                java.math.BigInteger next = prev.add(curr);
                prev = curr;
                curr = next;
            }
        }
        return new ArrayList<>(List.of(Data.normalize(curr), (System.nanoTime() - start) / 1e9));
    }

    @Fn(doc = """
            Execute the Collatz conjecture from the passed starting number; returns the sequence and the time it took \
            to compute, as [steps, seconds].""",
            example = "jsalt '*' test.collatz 3")
    public Object collatz(Call c) {
        long n = c.integer(0, "start", 1);
        if (n < 1) {
            throw new InvocationError("start must be a positive integer, got " + n);
        }
        long begin = System.nanoTime();
        List<Object> steps = new ArrayList<>();
        while (n != 1) {
            steps.add(n);
            n = n % 2 == 0 ? n / 2 : Math.multiplyExact(n, 3) + 1;
        }
        return new ArrayList<>(List.of(steps, (System.nanoTime() - begin) / 1e9));
    }

    static String hex(String type, String text) {
        return Hashlib.hexdigest(type.toLowerCase(), text.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .orElseThrow(() -> new CommandExecutionError("Unsupported hash_type '" + type + "'"));
    }

    /** Salt's versions report, with jsalt, Java and library versions. */
    static final class VersionsReport {
        private VersionsReport() {}

        static String text(Map<String, Object> grains) {
            Map<String, Map<String, String>> sections = new LinkedHashMap<>();
            sections.put("Jsalt Version:", Map.of("jsalt", Version.VERSION, "salt", CoreGrains.SALT_VERSION));
            Map<String, String> java = new LinkedHashMap<>();
            java.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
            sections.put("Java Version:", java);
            Map<String, String> deps = new LinkedHashMap<>();
            for (String[] lib : new String[][] {
                {"bouncycastle", "org.bouncycastle.jce.provider.BouncyCastleProvider"},
                {"jinjava", "com.hubspot.jinjava.Jinjava"},
                {"netty", "io.netty.channel.Channel"},
                {"picocli", "picocli.CommandLine"},
                {"protobuf", "com.google.protobuf.Message"},
                {"snakeyaml", "org.yaml.snakeyaml.Yaml"}}) {
                deps.put(lib[0], jarVersion(lib[1]));
            }
            sections.put("Dependency Versions:", deps);
            Map<String, String> sys = new LinkedHashMap<>();
            sys.put("dist", (grains.getOrDefault("os", "") + " " + grains.getOrDefault("osrelease", "") + " "
                    + grains.getOrDefault("oscodename", "")).toLowerCase().trim());
            sys.put("locale", "utf-8");
            sys.put("machine", String.valueOf(grains.getOrDefault("cpuarch", "")));
            sys.put("release", String.valueOf(grains.getOrDefault("kernelrelease", "")));
            sys.put("system", "Linux");
            String pretty = OsReleasePretty.get();
            sys.put("version", pretty);
            sections.put("System Versions:", sys);
            int longest = 0;
            for (Map<String, String> s : sections.values()) {
                for (String k : s.keySet()) {
                    longest = Math.max(longest, k.length());
                }
            }
            final int width = longest;
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Map<String, String>> s : sections.entrySet()) {
                if (sb.length() > 0) {
                    sb.append("\n\n");
                }
                sb.append(s.getKey());
                new java.util.TreeMap<>(s.getValue()).forEach((k, v) ->
                        sb.append('\n').append(" ".repeat(width - k.length() + 1)).append(k).append(": ").append(v));
            }
            return sb.toString();
        }

        /** The version in the library jar's file name, or "Not Installed". */
        private static String jarVersion(String className) {
            try {
                Class<?> cls = Class.forName(className, false, VersionsReport.class.getClassLoader());
                String v = cls.getPackage() == null ? null : cls.getPackage().getImplementationVersion();
                if (v != null) {
                    return v;
                }
                var src = cls.getProtectionDomain().getCodeSource();
                if (src != null) {
                    String file = java.nio.file.Path.of(src.getLocation().toURI()).getFileName().toString();
                    var m = java.util.regex.Pattern.compile("-(\\d[\\w.\\-]*?)\\.jar$").matcher(file);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
                return "unknown";
            } catch (ClassNotFoundException | LinkageError e) {
                return "Not Installed";
            } catch (Exception e) {
                return "unknown";
            }
        }
    }

    /** PRETTY_NAME from os-release, for the versions report. */
    private static final class OsReleasePretty {
        static String get() {
            String text = HostFiles.read("/etc/os-release");
            if (text != null) {
                for (String line : text.lines().toList()) {
                    if (line.startsWith("PRETTY_NAME=")) {
                        return line.substring(12).replaceAll("^[\"']|[\"']$", "");
                    }
                }
            }
            return "";
        }
    }
}
