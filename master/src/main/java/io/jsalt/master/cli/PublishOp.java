package io.jsalt.master.cli;

import io.jsalt.common.config.Config;
import io.jsalt.common.data.Values;
import io.jsalt.common.match.NodegroupException;
import io.jsalt.common.match.TargetException;
import io.jsalt.common.proto.PublishRequest;
import io.jsalt.master.jobs.JobListener;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.jobs.PublishSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code jsalt TGT FUN ...}: publish, then stream every return, then the minions that did
 * not return. With {@code batch} it keeps at most N minions busy at a time, starting the
 * next one as each returns (Salt's sliding batch), each batch slice its own job.
 */
final class PublishOp implements CliHandler.Op<PublishRequest> {
    /** Salt prints this and assigns no JID when a target selects nobody. */
    static final String NO_MATCH = "No minions matched the target. No command was sent, no jid was assigned.";

    private final JobManager jobs;
    private final Config config;

    PublishOp(JobManager jobs, Config config) {
        this.jobs = jobs;
        this.config = config;
    }

    @Override
    public void run(PublishRequest req, CliHandler.Replies replies) throws InterruptedException {
        long timeout = req.hasTimeout() ? req.getTimeout() : config.integer("timeout");
        PublishSpec spec = new PublishSpec(
                req.getTgt(),
                req.getTgtType().isEmpty() ? "glob" : req.getTgtType(),
                req.getFun(),
                Values.listFromProto(req.getArg()),
                Values.mapFromProto(req.getKwarg()),
                timeout,
                req.getUser().isEmpty() ? "root" : req.getUser());
        List<String> targets;
        try {
            targets = jobs.expected(spec.tgt(), spec.tgtType());
        } catch (TargetException | IllegalArgumentException e) {
            // Salt expands an unknown or self-including nodegroup to nothing (logging why), so
            // its CLI ends as for a target that matched no minion: exit code 2.
            replies.fail(NodegroupException.isCause(e) ? e.getMessage() + "\n" + NO_MATCH : e.getMessage(),
                    NodegroupException.isCause(e) ? 2 : 1);
            return;
        }
        if (targets.isEmpty()) {
            replies.fail(NO_MATCH, 2);
            return;
        }
        int batch = batchSize(req.hasBatch() ? req.getBatch() : null, targets.size());
        if (req.getAsync()) {
            String jid = jobs.publishTo(spec, targets, null);
            replies.last(Map.of("event", "async", "jid", jid, "minions", targets), 0);
            return;
        }
        if (batch <= 0 || batch >= targets.size()) {
            runOne(spec, targets, replies, true);
        } else {
            runBatched(spec, targets, batch, replies);
        }
    }

    static int batchSize(String batch, int total) {
        if (batch == null) {
            return 0;
        }
        String b = batch.trim();
        try {
            if (b.endsWith("%")) {
                double pct = Double.parseDouble(b.substring(0, b.length() - 1));
                return Math.max(1, (int) Math.ceil(total * pct / 100.0));
            }
            return Integer.parseInt(b);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid batch size '" + b + "': use a number or a percentage like 10%");
        }
    }

    private void runOne(PublishSpec spec, List<String> targets, CliHandler.Replies replies, boolean finish)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger worst = new AtomicInteger();
        jobs.publishTo(spec, targets, new StreamingListener(replies, worst, done::countDown));
        done.await();
        if (finish) {
            replies.last(Map.of("event", "done"), worst.get());
        }
    }

    private void runBatched(PublishSpec spec, List<String> targets, int size, CliHandler.Replies replies)
            throws InterruptedException {
        Deque<String> queue = new ArrayDeque<>(targets);
        AtomicInteger worst = new AtomicInteger();
        Object lock = new Object();
        int[] running = {0};
        CountDownLatch all = new CountDownLatch(targets.size());
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            List<String> slice = new ArrayList<>();
            synchronized (lock) {
                while (running[0] < size && !queue.isEmpty()) {
                    slice.add(queue.poll());
                    running[0]++;
                }
            }
            if (slice.isEmpty()) {
                return;
            }
            replies.data(Map.of("event", "batch", "minions", slice));
            PublishSpec one = new PublishSpec(String.join(",", slice), "list", spec.fun(), spec.args(),
                    spec.kwargs(), spec.timeoutSec(), spec.user());
            jobs.publishTo(one, slice, new StreamingListener(replies, worst, () -> { }) {
                @Override
                public void returned(String minionId, Map<String, Object> ret) {
                    super.returned(minionId, ret);
                    finishedOne();
                }

                @Override
                public void missing(String minionId, String reason) {
                    super.missing(minionId, reason);
                    finishedOne();
                }

                private void finishedOne() {
                    synchronized (lock) {
                        running[0]--;
                    }
                    all.countDown();
                    launch[0].run();
                }
            });
        };
        launch[0].run();
        all.await();
        replies.last(Map.of("event", "done"), worst.get());
    }

    /** Streams one job's progress to the CLI. */
    private static class StreamingListener implements JobListener {
        private final CliHandler.Replies replies;
        private final AtomicInteger worst;
        private final Runnable onDone;

        StreamingListener(CliHandler.Replies replies, AtomicInteger worst, Runnable onDone) {
            this.replies = replies;
            this.worst = worst;
            this.onDone = onDone;
        }

        @Override
        public void started(String jid, List<String> minions) {
            replies.data(Map.of("event", "started", "jid", jid, "minions", minions));
        }

        @Override
        public void returned(String minionId, Map<String, Object> ret) {
            Object rc = ret.get("retcode");
            if (rc instanceof Number n && n.intValue() != 0) {
                worst.accumulateAndGet(n.intValue(), Math::max);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "return");
            m.put("id", minionId);
            m.put("ret", ret);
            replies.data(m);
        }

        @Override
        public void missing(String minionId, String reason) {
            worst.accumulateAndGet(1, Math::max);
            replies.data(Map.of("event", "missing", "id", minionId, "reason", reason));
        }

        @Override
        public void done() {
            onDone.run();
        }
    }
}
