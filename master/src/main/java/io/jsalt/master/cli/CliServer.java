package io.jsalt.master.cli;

import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.transport.Frames;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The local control socket the CLI tools use ({@code sock_dir/master.sock}). The directory
 * is 0700 and the socket 0600; on top of that each connection's peer uid (SO_PEERCRED)
 * must be root or the master's own user.
 */
public final class CliServer implements AutoCloseable {
    public static final String SOCKET_NAME = "master.sock";

    private final Path socket;
    private Channel channel;

    public CliServer(Path sockDir) {
        this.socket = sockDir.resolve(SOCKET_NAME);
    }

    public static Path socketPath(Path sockDir) {
        return sockDir.resolve(SOCKET_NAME);
    }

    public void start(EventLoopGroup epollGroup, CliHandler.Factory handlers) throws IOException, InterruptedException {
        Files.createDirectories(socket.getParent());
        Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwx------"));
        Files.deleteIfExists(socket);
        long ownUid = Uid.current();
        ServerBootstrap b = new ServerBootstrap()
                .group(epollGroup)
                .channel(EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<EpollDomainSocketChannel>() {
                    @Override
                    protected void initChannel(EpollDomainSocketChannel ch) throws Exception {
                        int uid = ch.peerCredentials().uid();
                        if (uid != 0 && uid != ownUid) {
                            ch.close();
                            return;
                        }
                        // A job's returns are written one frame each as they arrive: a burst of
                        // them (2,000 test.ping returns) leaves in a few writes, not one each.
                        ch.pipeline().addLast("flushes", new FlushConsolidationHandler(256, true));
                        Frames.addCodec(ch.pipeline(), 64 * 1024 * 1024, CliRequest.getDefaultInstance());
                        ch.pipeline().addLast("cli", handlers.create());
                    }
                });
        channel = b.bind(new DomainSocketAddress(socket.toFile())).sync().channel();
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // Best effort: the next start removes a stale socket anyway.
        }
    }
}
