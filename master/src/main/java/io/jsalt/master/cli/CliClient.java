package io.jsalt.master.cli;

import io.jsalt.common.output.Outputters;
import io.jsalt.common.proto.CliReply;
import io.jsalt.common.proto.CliRequest;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The CLI tools' side of the control socket: plain blocking JDK unix sockets, so the
 * tools start fast and load no event loop.
 */
public final class CliClient implements AutoCloseable {
    private final SocketChannel ch;
    private final ByteBuffer in = ByteBuffer.allocate(64 * 1024).flip();

    private CliClient(SocketChannel ch) {
        this.ch = ch;
    }

    /** Connects, or throws with a message that says what to check. */
    public static CliClient connect(Path sockDir) throws MasterUnavailable {
        return connect(sockDir, null);
    }

    /**
     * Connects with the channel {@code ahead} opened, if it did (else opens one), or throws
     * with a message that says what to check.
     */
    public static CliClient connect(Path sockDir, OpenAhead ahead) throws MasterUnavailable {
        // The constant is compiled in: calling CliServer.socketPath would load the server's
        // class, and with it netty's, in every CLI command.
        Path sock = sockDir.resolve(CliServer.SOCKET_NAME);
        if (!Files.exists(sock)) {
            throw new MasterUnavailable("The jsalt master is not running (no socket at " + sock
                    + "). Start it with jsalt-master -d, or check sock_dir in the master config.");
        }
        try {
            SocketChannel opened = ahead != null ? ahead.take() : null;
            SocketChannel ch = opened != null ? opened : SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(sock));
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            return new CliClient(ch);
        } catch (java.nio.file.AccessDeniedException | SecurityException e) {
            throw new MasterUnavailable("Permission denied on " + sock + ": run as root or as the master's user.");
        } catch (IOException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("ermission")) {
                throw new MasterUnavailable("Permission denied on " + sock + ": run as root or as the master's user.");
            }
            throw new MasterUnavailable("Cannot reach the jsalt master at " + sock + ": " + m
                    + ". Is jsalt-master running?");
        }
    }

    /**
     * Sends one request and feeds every reply to the consumer until the last one, which
     * is returned.
     */
    public CliReply call(CliRequest request, Consumer<CliReply> onData) throws IOException {
        byte[] body = request.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(4 + body.length);
        out.putInt(body.length).put(body).flip();
        while (out.hasRemaining()) {
            ch.write(out);
        }
        while (true) {
            ByteBuffer len = readFully(4);
            int n = len.getInt();
            if (n < 0 || n > 256 * 1024 * 1024) {
                throw new IOException("bad reply frame of " + n + " bytes");
            }
            CliReply reply = CliReply.parseFrom(readFully(n));
            if (reply.getLast()) {
                return reply;
            }
            onData.accept(reply);
        }
    }

    /**
     * The next n bytes of the stream. Reads go through one 64 KB buffer: a job's 2,000
     * returns arrive in a few reads, not two each.
     */
    private ByteBuffer readFully(int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (!in.hasRemaining()) {
                in.clear();
                if (ch.read(in) < 0) {
                    throw new IOException("the master closed the connection");
                }
                in.flip();
            }
            int take = Math.min(in.remaining(), b.remaining());
            b.put(b.position(), in, in.position(), take);
            b.position(b.position() + take);
            in.position(in.position() + take);
        }
        b.flip();
        return b;
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }

    /**
     * Opens the control socket's channel and readies protobuf's encoder and the outputters
     * on a thread of its own, while the command reads its configuration: the JDK's first
     * unix-domain channel starts SecureRandom and the security providers (its
     * {@code UnixDomainSockets} class), and protobuf's first message starts
     * java.util.logging (a logger in {@code Descriptors} and one in
     * {@code CodedOutputStream}); each is milliseconds of a command of about 150 on one
     * core, and the machine's second core does them meanwhile. Nothing here is needed:
     * whatever fails is done again, and reported, on the command's own way.
     * {@link #close} closes a channel the command did not take.
     */
    public static final class OpenAhead extends Thread implements AutoCloseable {
        private SocketChannel channel;

        /** Starts opening; the thread never keeps the JVM alive. */
        public static OpenAhead begin() {
            OpenAhead t = new OpenAhead();
            t.start();
            return t;
        }

        private OpenAhead() {
            super("jsalt-open-ahead");
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            } catch (IOException | RuntimeException e) {
                // connect opens its own channel and says what went wrong
            }
            try {
                CliRequest.getDefaultInstance().toByteArray();
                CliReply.getDefaultInstance();
                // The registry of outputters, which reads its plugins' service files from
                // every jar: made while the master and the minions answer.
                Outputters.names();
            } catch (RuntimeException | LinkageError e) {
                // the command meets the same on its own way and reports it
            }
        }

        /**
         * The opened channel, once (null if opening failed), when the thread is done: the
         * join makes its write of the field visible here.
         */
        SocketChannel take() {
            awaitEnd();
            SocketChannel ch = channel;
            channel = null;
            return ch;
        }

        private void awaitEnd() {
            boolean interrupted = false;
            while (isAlive()) {
                try {
                    join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Closes the channel if the command did not take it. */
        @Override
        public void close() {
            SocketChannel ch = take();
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException e) {
                    // an unconnected channel: nothing was sent on it
                }
            }
        }
    }

    /** The master cannot be reached; the message is for the user. */
    public static final class MasterUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        public MasterUnavailable(String message) {
            super(message);
        }
    }
}
