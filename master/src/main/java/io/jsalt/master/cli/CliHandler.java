package io.jsalt.master.cli;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.CliReply;
import io.jsalt.common.proto.CliRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CLI connection: reads one request, runs its operation off the event loop and
 * streams replies back. Operations are registered by name ({@code publish}, {@code key},
 * {@code runner}).
 */
public final class CliHandler extends SimpleChannelInboundHandler<CliRequest> {
    private static final Logger log = LoggerFactory.getLogger(CliHandler.class);

    /** A CLI operation. It must end with exactly one {@link Replies#last} or {@link Replies#fail}. */
    @FunctionalInterface
    public interface Op {
        void run(Map<String, Object> args, Replies replies) throws Exception;
    }

    /** Builds handlers that share the operations table and a worker executor. */
    public record Factory(Map<String, Op> ops, Executor workers) {
        CliHandler create() {
            return new CliHandler(this);
        }
    }

    /** Writes replies to the CLI tool. */
    public static final class Replies {
        private final ChannelHandlerContext ctx;

        Replies(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        public void data(Object data) {
            ctx.writeAndFlush(CliReply.newBuilder().setData(Values.toProto(data)).build());
        }

        public void last(Object data, int exitCode) {
            ctx.writeAndFlush(CliReply.newBuilder().setData(Values.toProto(data)).setLast(true)
                    .setExitCode(exitCode).build());
        }

        public void fail(String error, int exitCode) {
            ctx.writeAndFlush(CliReply.newBuilder().setError(error).setLast(true).setExitCode(exitCode).build());
        }

        public boolean open() {
            return ctx.channel().isActive();
        }

        /** False while the client reads slower than we write: streams drop rather than buffer without bound. */
        public boolean writable() {
            return ctx.channel().isWritable();
        }
    }

    private final Factory f;

    private CliHandler(Factory f) {
        this.f = f;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, CliRequest req) {
        Replies replies = new Replies(ctx);
        Op op = f.ops().get(req.getOp());
        if (op == null) {
            replies.fail("unknown operation '" + req.getOp() + "'", 1);
            return;
        }
        Map<String, Object> args = Values.mapFromProto(req.getArgs());
        f.workers().execute(() -> {
            try {
                op.run(args, replies);
            } catch (Exception e) {
                log.warn("CLI operation {} failed", req.getOp(), e);
                replies.fail(e.getMessage() == null ? e.toString() : e.getMessage(), 1);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("CLI connection closed: {}", cause.toString());
        ctx.close();
    }
}
