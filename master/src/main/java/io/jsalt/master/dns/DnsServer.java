package io.jsalt.master.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;

/**
 * The DNS hub's sockets: UDP and TCP on the same address and port, on event loops (no
 * thread per query). UDP answers are cut to 512 bytes, or to the client's EDNS size up
 * to {@value DnsAnswerer#EDNS_PAYLOAD}, with TC set so the client retries over TCP.
 */
public final class DnsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DnsServer.class);
    private static final int TCP_IDLE_SECONDS = 10;

    private final DnsAnswerer answerer;
    private Channel udp;
    private Channel tcp;

    public DnsServer(DnsAnswerer answerer) {
        this.answerer = answerer;
    }

    /** Binds UDP then TCP; with port 0 both get the same free port. */
    public DnsServer start(EventLoopGroup group, String host, int port) throws InterruptedException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < (port == 0 ? 10 : 1); attempt++) {
            Channel u = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .handler(new UdpHandler()).bind(host, port).sync().channel();
            int bound = ((InetSocketAddress) u.localAddress()).getPort();
            try {
                tcp = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childHandler(new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast(new IdleStateHandler(0, 0, TCP_IDLE_SECONDS, TimeUnit.SECONDS));
                                ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2));
                                ch.pipeline().addLast(new LengthFieldPrepender(2));
                                ch.pipeline().addLast(new TcpHandler());
                            }
                        }).bind(host, bound).sync().channel();
                udp = u;
                return this;
            } catch (RuntimeException e) {
                // Another socket holds the TCP side of this port: try another free port.
                u.close().sync();
                last = e;
            } catch (Exception e) {
                u.close().sync();
                last = new IllegalStateException(e);
            }
        }
        throw last;
    }

    public int port() {
        return ((InetSocketAddress) udp.localAddress()).getPort();
    }

    /** Parses a query; a message that cannot be parsed gets FORMERR if its header can be read. */
    private void handle(byte[] wire, java.util.function.Consumer<byte[]> send, int maxUdp) {
        Message query;
        try {
            query = new Message(wire);
        } catch (Exception e) {
            if (wire.length >= Header.LENGTH) {
                try {
                    Header h = new Header(java.util.Arrays.copyOf(wire, Header.LENGTH));
                    Message err = new Message(h.getID());
                    err.getHeader().setFlag(Flags.QR);
                    err.getHeader().setRcode(Rcode.FORMERR);
                    send.accept(err.toWire());
                } catch (Exception ignored) {
                    // Not even a header: drop it.
                }
            }
            return;
        }
        int limit = maxUdp;
        if (maxUdp > 0) {
            OPTRecord opt = query.getOPT();
            limit = opt == null ? 512 : Math.max(512, Math.min(opt.getPayloadSize(), DnsAnswerer.EDNS_PAYLOAD));
        }
        int size = limit;
        answerer.answer(query).whenComplete((resp, err) -> {
            if (err != null) {
                log.warn("DNS query {} failed", query.getQuestion(), err);
                return;
            }
            if (resp != null) {
                send.accept(size > 0 ? resp.toWire(size) : resp.toWire());
            }
        });
    }

    private final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            InetSocketAddress sender = packet.sender();
            byte[] wire = ByteBufUtil.getBytes(packet.content());
            handle(wire, out -> ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(out), sender)), 512);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("DNS UDP error: {}", cause.toString());
        }
    }

    private final class TcpHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            handle(ByteBufUtil.getBytes(frame), out -> ctx.writeAndFlush(Unpooled.wrappedBuffer(out)), 0);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("DNS TCP connection {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    @Override
    public void close() {
        for (Channel c : new Channel[] {udp, tcp}) {
            if (c != null) {
                c.close().syncUninterruptibly();
            }
        }
    }
}
