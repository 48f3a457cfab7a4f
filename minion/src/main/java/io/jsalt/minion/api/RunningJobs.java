package io.jsalt.minion.api;

import java.util.List;
import java.util.Map;

/**
 * The jobs this minion is running, provided by the minion daemon through
 * {@code Context.services()} for {@code saltutil.running}, {@code find_job} and
 * {@code kill_job}.
 */
public interface RunningJobs {
    /**
     * One map per running job, in Salt's proc-file shape: {@code jid}, {@code fun},
     * {@code arg} (list), {@code tgt}, {@code tgt_type}, {@code user}, {@code ret},
     * {@code pid} (the minion's pid: jobs are threads here) and any other publish fields.
     */
    List<Map<String, Object>> running();

    /**
     * Stops the job: interrupts its thread, which makes {@code cmd.*} kill its process
     * tree. Returns false when no such job is running.
     */
    boolean kill(String jid);
}
