package io.jsalt.master.runners;

import io.jsalt.master.jobs.JobListener;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.jobs.PublishSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** How a runner sends a job to minions and waits for what they return. */
final class Gather {
    private Gather() {}

    /**
     * Publishes the job to the targets and waits until the master says it is done (every
     * minion returned or timed out), at most four job timeouts and half a minute more. The
     * result holds each minion that returned, by id, in sorted order, with its return in
     * Salt's shape (return, retcode, success, ...).
     */
    static Map<String, Map<String, Object>> returns(JobManager jobs, PublishSpec spec, List<String> targets,
            long timeout) throws InterruptedException {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        CountDownLatch done = new CountDownLatch(1);
        jobs.publishTo(spec, targets, new JobListener() {
            @Override
            public void started(String jid, List<String> minions) { }

            @Override
            public void returned(String minionId, Map<String, Object> ret) {
                synchronized (out) {
                    out.put(minionId, ret);
                }
            }

            @Override
            public void missing(String minionId, String reason) { }

            @Override
            public void done() {
                done.countDown();
            }
        });
        done.await(timeout * 4 + 30, TimeUnit.SECONDS);
        synchronized (out) {
            return new TreeMap<>(out);
        }
    }
}
