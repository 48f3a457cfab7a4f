package io.jsalt.master.jobs;

import io.jsalt.common.data.Values;
import io.jsalt.common.proto.Return;
import java.util.LinkedHashMap;
import java.util.Map;

/** A minion's return as Salt stores and shows it. */
final class ReturnData {
    private ReturnData() {}

    static Map<String, Object> of(Return r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("return", Values.fromProto(r.getRet()));
        m.put("retcode", (long) r.getRetcode());
        m.put("success", r.getSuccess());
        m.put("jid", r.getJid());
        m.put("fun", r.getFun());
        m.put("fun_args", Values.fromProto(r.getFunArgs()));
        m.put("id", r.getId());
        Map<String, Object> extra = Values.mapFromProto(r.getExtra());
        extra.forEach(m::putIfAbsent);
        return m;
    }

    /**
     * The load Salt's master saves for a return it did not publish (a "req" job): the
     * minion as a glob target, the function and its arguments.
     */
    static Map<String, Object> standaloneLoad(String minionId, Return r) {
        Map<String, Object> load = new LinkedHashMap<>();
        load.put("jid", r.getJid());
        load.put("fun", r.getFun());
        load.put("arg", Values.fromProto(r.getFunArgs()));
        load.put("tgt", minionId);
        load.put("tgt_type", "glob");
        Map<String, Object> extra = Values.mapFromProto(r.getExtra());
        load.put("user", extra.getOrDefault("user", "root"));
        load.put("minions", new java.util.ArrayList<>(java.util.List.of(minionId)));
        if (extra.get("schedule") != null) {
            load.put("schedule", extra.get("schedule"));
        }
        return load;
    }
}
