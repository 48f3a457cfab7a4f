package io.jsalt.master.runners;

import io.jsalt.master.jobs.JobListener;
import io.jsalt.master.jobs.JobManager;
import io.jsalt.master.jobs.PublishSpec;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** How a runner (and an orchestration step) sends a job to minions and waits for what they return. */
public final class Gather {
    /**
     * What came back: the job's id, each minion that returned with its return in Salt's
     * shape (return, retcode, success, ...), and each minion that will not return with the
     * reason ("No response", "Not connected"), both sorted by id.
     */
    public record Job(String jid, Map<String, Map<String, Object>> returns, Map<String, String> missing) { }

    private Gather() {}

    /**
     * Publishes the job to the targets and waits until the master says it is done (every
     * minion returned or timed out), at most four job timeouts and half a minute more. The
     * result holds each minion that returned, by id, in sorted order, with its return in
     * Salt's shape (return, retcode, success, ...).
     */
    static Map<String, Map<String, Object>> returns(JobManager jobs, PublishSpec spec, List<String> targets,
            long timeout) throws InterruptedException {
        return job(jobs, spec, targets, timeout * 4 + 30).returns();
    }

    /**
     * Publishes the job and waits until the master says it is done, at most {@code waitSec}
     * seconds (0: as long as it takes, for jobs such as state runs that minions may run for
     * many minutes while they answer the master's find_job). Gives the job's id, the returns
     * and the minions that did not return.
     */
    public static Job job(JobManager jobs, PublishSpec spec, List<String> targets, long waitSec)
            throws InterruptedException {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        Map<String, String> missing = new TreeMap<>();
        CountDownLatch done = new CountDownLatch(1);
        String jid = jobs.publishTo(spec, targets, new JobListener() {
            @Override
            public void started(String jid, List<String> minions) { }

            @Override
            public void returned(String minionId, Map<String, Object> ret) {
                synchronized (out) {
                    out.put(minionId, ret);
                    missing.remove(minionId);
                }
            }

            @Override
            public void missing(String minionId, String reason) {
                synchronized (out) {
                    if (!out.containsKey(minionId)) {
                        missing.put(minionId, reason);
                    }
                }
            }

            @Override
            public void done() {
                done.countDown();
            }
        });
        if (waitSec > 0) {
            done.await(waitSec, TimeUnit.SECONDS);
        } else {
            done.await();
        }
        synchronized (out) {
            Map<String, String> gone = new TreeMap<>(missing);
            for (String id : targets) {
                if (!out.containsKey(id)) {
                    gone.putIfAbsent(id, "No response");
                }
            }
            return new Job(jid, new TreeMap<>(out), gone);
        }
    }
}
