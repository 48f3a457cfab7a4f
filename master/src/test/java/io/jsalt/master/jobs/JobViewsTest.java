package io.jsalt.master.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jsalt.common.cli.ArgParser;
import io.jsalt.common.data.Data;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobViewsTest {
    private static final String PING = "20241122040506123456";
    private static final String STATE = "20241123101112000001";

    @TempDir
    Path dir;
    private JobCache cache;

    @BeforeEach
    void setUp() throws Exception {
        cache = JobCache.open(dir.resolve(JobCache.FILE_NAME));
        List<Object> arg = ArgParser.parse(List.of("3", "a=b")).publishArgs();
        cache.saveLoad(PING, Data.map("fun", "test.ping", "arg", arg, "tgt", "web*", "tgt_type", "glob",
                "user", "alice", "minions", List.of("web2", "web1", "web3"), "jid", PING));
        cache.saveReturn(PING, "web2", Data.map("return", true, "retcode", 0L, "success", true)).get();
        cache.saveReturn(PING, "web1", Data.map("return", true, "retcode", 0L, "success", true)).get();
        cache.saveLoad(STATE, Data.map("fun", "state.apply", "arg", List.of(), "tgt", List.of("db1"),
                "tgt_type", "list", "user", "root", "metadata", Data.map("ticket", 42L), "minions", List.of("db1")));
        cache.saveReturn(STATE, "db1", Data.map("return", Data.map("file_|-x_|-x_|-managed", Map.of()),
                "out", "highstate", "retcode", 0L)).get();
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    @Test
    void listJobsHasSaltFieldsAndStartTime() {
        Map<String, Map<String, Object>> jobs = JobViews.listJobs(cache, JobViews.ListJobsFilter.NONE);
        assertEquals(List.of(PING, STATE), List.copyOf(jobs.keySet()));
        Map<String, Object> ping = jobs.get(PING);
        assertEquals(List.of("Function", "Arguments", "Target", "Target-type", "User", "StartTime"),
                List.copyOf(ping.keySet()));
        assertEquals("test.ping", ping.get("Function"));
        assertEquals(List.of(3L, Data.map("__kwarg__", true, "a", "b")), ping.get("Arguments"));
        assertEquals("web*", ping.get("Target"));
        assertEquals("alice", ping.get("User"));
        // salt.utils.jid.jid_to_time
        assertEquals("2024, Nov 22 04:05:06.123456", ping.get("StartTime"));
        assertEquals(Data.map("ticket", 42L), jobs.get(STATE).get("Metadata"));
    }

    @Test
    void formatJobInstanceDefaultsAsSalt() {
        Map<String, Object> f = JobViews.formatJobInstance(Data.map("kwargs", Data.map("metadata", "m")));
        assertEquals("unknown-function", f.get("Function"));
        assertEquals(List.of(), f.get("Arguments"));
        assertEquals("unknown-target", f.get("Target"));
        assertEquals("list", f.get("Target-type"));
        assertEquals("root", f.get("User"));
        assertEquals("m", f.get("Metadata"));
    }

    @Test
    void listJobsFiltersByFunctionTargetMetadataAndTime() {
        assertEquals(List.of(STATE), keys(new JobViews.ListJobsFilter(null, "state.*", null, null, null)));
        assertEquals(List.of(PING, STATE), keys(new JobViews.ListJobsFilter(null, "test.*, state.apply", null, null, null)));
        // the Target is matched as text by fnmatch: "web*" itself
        assertEquals(List.of(PING), keys(new JobViews.ListJobsFilter(null, null, "web[*]", null, null)));
        assertEquals(List.of(PING), keys(new JobViews.ListJobsFilter(null, null, "nothing, web?", null, null)));
        assertEquals(List.of(), keys(new JobViews.ListJobsFilter(null, null, "web1", null, null)));
        // a list Target (list targeting) matches if any entry does
        assertEquals(List.of(STATE), keys(new JobViews.ListJobsFilter(null, null, List.of("db*"), null, null)));
        assertEquals(List.of(STATE), keys(new JobViews.ListJobsFilter(Data.map("ticket", 42L), null, null, null, null)));
        assertEquals(List.of(), keys(new JobViews.ListJobsFilter(Data.map("ticket", 1L), null, null, null, null)));
        assertEquals(List.of(), keys(new JobViews.ListJobsFilter("ticket", null, null, null, null)));
        assertEquals(List.of(STATE), keys(new JobViews.ListJobsFilter(null, null, null, "2024, Nov 23 00:00", null)));
        assertEquals(List.of(PING), keys(new JobViews.ListJobsFilter(null, null, null, null, "2024-11-22 23:59:59")));
        assertEquals(List.of(PING), keys(new JobViews.ListJobsFilter(null, null, null, PING, PING)));
        assertThrows(IllegalArgumentException.class,
                () -> keys(new JobViews.ListJobsFilter(null, null, null, "last tuesday", null)));
    }

    @Test
    void listJobHasLoadMinionsAndResult() {
        Map<String, Object> job = JobViews.listJob(cache, PING);
        assertEquals(List.of("jid", "Function", "Arguments", "Target", "Target-type", "User", "Minions",
                "StartTime", "Result"), List.copyOf(job.keySet()));
        assertEquals(PING, job.get("jid"));
        assertEquals(List.of("web1", "web2", "web3"), job.get("Minions")); // sorted, as get_load
        Map<?, ?> result = (Map<?, ?>) job.get("Result");
        assertEquals(List.of("web2", "web1"), List.copyOf(result.keySet()));
        assertEquals(Data.map("return", true), result.get("web2")); // get_jid keeps return (+ out)
        Map<?, ?> state = (Map<?, ?>) JobViews.listJob(cache, STATE).get("Result");
        assertEquals("highstate", ((Map<?, ?>) state.get("db1")).get("out"));
    }

    @Test
    void listJobOfUnknownJidSaysSo() {
        String jid = "20200101000000000000";
        Map<String, Object> job = JobViews.listJob(cache, jid);
        assertEquals(Data.map("jid", jid, "Error", "Cannot contact returner or no job with this jid",
                "StartTime", "2020, Jan 01 00:00:00.000000", "Result", Map.of()), job);
    }

    @Test
    void lookupJidGivesReturnsByMinion() {
        JobViews.Lookup l = JobViews.lookupJid(cache, PING);
        assertEquals(Data.map("web2", true, "web1", true), l.data());
        assertNull(l.outputter());
        assertEquals(l.data(), l.saltShape());
    }

    @Test
    void lookupJidMissingAddsMinionsThatDidNotReturn() {
        JobViews.Lookup l = JobViews.lookupJid(cache, PING, true, true);
        assertEquals(Data.map("web2", true, "web1", true, "web3", "Minion did not return"), l.data());
        JobViews.Lookup onlyMissing = JobViews.lookupJid(cache, PING, false, true);
        assertEquals(Data.map("web3", "Minion did not return"), onlyMissing.data());
    }

    @Test
    void printJobHasTheJobUnderItsJidWithItsReturns() {
        // salt/runners/jobs.py print_job: format_jid_instance plus Result (get_jid) under the jid.
        Map<String, Object> printed = JobViews.printJob(cache, STATE);
        assertEquals(List.of(STATE), List.copyOf(printed.keySet()));
        Map<?, ?> job = (Map<?, ?>) printed.get(STATE);
        assertEquals(List.of("Function", "Arguments", "Target", "Target-type", "User", "Metadata", "StartTime", "Result"),
                List.copyOf(job.keySet()));
        assertEquals("state.apply", job.get("Function"));
        assertEquals(Data.map("db1", Data.map("return", Data.map("file_|-x_|-x_|-managed", Map.of()), "out", "highstate")),
                job.get("Result"));
    }

    @Test
    void lookupJidOfStateRunAsksForHighstate() {
        JobViews.Lookup l = JobViews.lookupJid(cache, STATE);
        assertEquals("highstate", l.outputter());
        assertEquals(Data.map("outputter", "highstate", "data", l.data()), l.saltShape());
        assertEquals(Map.of("file_|-x_|-x_|-managed", Map.of()), l.data().get("db1"));
    }

    @Test
    void outputterChoiceFollowsGetPrintout() {
        assertEquals("highstate", JobViews.outputter(null, "highstate"));
        assertEquals("json", JobViews.outputter("json", "highstate"));
        assertEquals("highstate", JobViews.outputter("highstate", "highstate"));
        // --out=highstate does not override (Salt issue #29796): no job outputter -> nested
        assertEquals("nested", JobViews.outputter("highstate", null));
        assertEquals("nested", JobViews.outputter(null, null));
        assertEquals("txt", JobViews.outputter("text", null));
    }

    private List<String> keys(JobViews.ListJobsFilter f) {
        return List.copyOf(JobViews.listJobs(cache, f).keySet());
    }
}
