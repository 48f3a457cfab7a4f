package io.jsalt.master.cli;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.CliReply;
import io.jsalt.common.proto.CliRequest;
import io.jsalt.common.proto.KeyRequest;
import io.jsalt.common.proto.PublishRequest;
import io.jsalt.common.proto.RunnerRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One CLI connection: reads one request, checks it ({@link CliRequests}), runs its
 * operation off the event loop and streams replies back. There is one operation per kind
 * of request: {@code publish}, {@code key} and {@code runner}.
 */
public final class CliHandler extends SimpleChannelInboundHandler<CliRequest> {
    private static final Logger log = LoggerFactory.getLogger(CliHandler.class);

    /**
     * A CLI operation on its checked request. It must end with exactly one
     * {@link Replies#last} or {@link Replies#fail}.
     */
    @FunctionalInterface
    public interface Op<R> {
        void run(R request, Replies replies) throws Exception;
    }

    /** The control socket's operations, one per kind of request. */
    public record Operations(Op<PublishRequest> publish, Op<KeyRequest> key, Op<RunnerRequest> runner) {
        public Operations withRunner(Op<RunnerRequest> r) {
            return new Operations(publish, key, r);
        }
    }

    /** Builds handlers that share the operations and a worker executor. */
    public record Factory(Operations ops, Executor workers) {
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
        String problem = CliRequests.problem(req);
        if (problem != null) {
            replies.fail(problem, 1);
            return;
        }
        f.workers().execute(() -> {
            try {
                switch (req.getOpCase()) {
                    case PUBLISH -> f.ops().publish().run(req.getPublish(), replies);
                    case KEY -> f.ops().key().run(req.getKey(), replies);
                    case RUNNER -> f.ops().runner().run(req.getRunner(), replies);
                    case OP_NOT_SET -> throw new IllegalStateException("checked above");
                }
            } catch (Exception e) {
                log.warn("CLI operation {} failed", req.getOpCase(), e);
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
