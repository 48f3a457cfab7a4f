package io.jsalt.master.jobs;

import java.util.List;
import java.util.Map;

/** Receives a job's progress as it happens (the CLI streams it to the user). */
public interface JobListener {
    /** The job was sent; {@code minions} are the expected ones, sorted. */
    void started(String jid, List<String> minions);

    /** One minion's return, in Salt's return shape (return, retcode, success, ...). */
    void returned(String minionId, Map<String, Object> ret);

    /** A minion that will not return: reason is "No response" or "Not connected". */
    void missing(String minionId, String reason);

    /** Nothing more will come for this job. */
    void done();
}
