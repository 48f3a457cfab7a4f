package io.jsalt.master.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.jsalt.master.minions.MinionRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which a job's listener (the CLI's reply stream) hears of returns and the end. */
class JobManagerOrderTest {
    @TempDir
    Path tmp;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void theJobEndsOnlyAfterItsLastReturnWasPassedOn() throws Exception {
        // A deadline's find_job round ends with checkDone on the link's thread while the
        // return is being handed to the listener on the notifier thread. Before, the return
        // was counted before the listener had it, so that checkDone could send "done" first:
        // the CLI stopped reading and printed no return ("{}") for a minion that did return.
        MinionRegistry minions = mock(MinionRegistry.class);
        when(minions.get("web1")).thenReturn(new MinionRegistry.Entry("web1", Map.of(), Map.of(), new EmbeddedChannel(), 0));
        try (JobCache cache = JobCache.open(tmp.resolve(JobCache.FILE_NAME))) {
            JobManager jobs = new JobManager(minions, cache, null, null, timer, 10);
            List<String> heard = new CopyOnWriteArrayList<>();
            CountDownLatch inListener = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            JobListener listener = new JobListener() {
                @Override
                public void started(String jid, List<String> ids) { }

                @Override
                public void returned(String id, Map<String, Object> ret) {
                    inListener.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    heard.add("returned " + id);
                }

                @Override
                public void missing(String id, String reason) {
                    heard.add("missing " + id);
                }

                @Override
                public void done() {
                    heard.add("done");
                }
            };
            String jid = jobs.publishTo(new PublishSpec("web1", "glob", "test.sleep", List.of(3L), Map.of(), 60, "root"),
                    List.of("web1"), listener);
            JobManager.ActiveJob job = jobs.job(jid);
            Thread notifier = new Thread(() -> job.returned("web1", Map.of("return", true)));
            notifier.start();
            assertTrue(inListener.await(10, TimeUnit.SECONDS));
            job.checkDone(); // the deadline's round, finishing while the listener works
            assertEquals(List.of(), heard, "the job ended before its return reached the listener");
            release.countDown();
            notifier.join(10_000);
            assertEquals(List.of("returned web1", "done"), heard);
        }
    }
}
