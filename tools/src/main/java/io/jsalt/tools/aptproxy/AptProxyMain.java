package io.jsalt.tools.aptproxy;

import io.jsalt.common.PidFile;
import io.jsalt.common.Shutdown;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jsalt-apt-proxy}: the test network's caching apt proxy (see {@link AptProxy}). */
@Command(name = "jsalt-apt-proxy", mixinStandardHelpOptions = true, version = io.jsalt.common.Version.VERSION,
        description = {"A caching HTTP proxy for apt in test hosts (bin/jsalt-testhost): forwards GET and HEAD "
                + "only to the archives of this machine's apt sources, 403 for anything else. Runs until SIGTERM.",
                "Prints one line per request: client, method, URI, status and HIT, MISS, PASS or DENY."})
public final class AptProxyMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--listen", required = true, paramLabel = "ADDRESS:PORT",
            description = "The one address and port to listen on, e.g. 10.77.0.254:3142.")
    String listen;

    @Option(names = "--cache", required = true, paramLabel = "DIR",
            description = "Where downloaded pool files are kept, across runs.")
    Path cache;

    @Option(names = "--apt-dir", defaultValue = "/etc/apt", paramLabel = "DIR",
            description = "The apt configuration whose sources.list and sources.list.d name the archives "
                    + "(default: ${DEFAULT-VALUE}).")
    Path aptDir;

    @Option(names = "--allow", paramLabel = "URI",
            description = "An archive URI to forward to instead of those of the apt sources (repeatable).")
    List<URI> allow = new ArrayList<>();

    @Option(names = "--pid-file", paramLabel = "FILE", description = "Write the proxy's PID here.")
    Path pidFile;

    @Override
    public Integer call() throws Exception {
        int colon = listen.lastIndexOf(':');
        int port;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            port = -1;
        }
        if (colon <= 0 || port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--listen: expected ADDRESS:PORT, got '" + listen + "'");
        }
        List<URI> archives = allow.isEmpty() ? AptProxy.archiveUris(aptDir) : allow;
        if (archives.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no http archive in " + aptDir + "/sources.list*");
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(listen.substring(0, colon)), port);
        PrintStream log = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AptProxy proxy = new AptProxy(address, cache, archives, log);
        PidFile.write(pidFile);
        log.println("jsalt-apt-proxy on " + listen + ", forwarding to " + archives + ", cache " + cache);
        Shutdown.awaitExit(proxy, "apt-proxy-stop");
        return 0;
    }

    public static void main(String[] args) {
        System.exit(io.jsalt.common.cli.Commands.run(new AptProxyMain(), args));
    }
}
