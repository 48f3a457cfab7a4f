package io.jsalt.common.output;

import io.jsalt.common.data.Data;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Model data for the outputter tests, and Salt's colour codes spelled out. */
final class Fixtures {
    static final String CYAN = "\u001b[0;36m";
    static final String GREEN = "\u001b[0;32m";
    static final String RED = "\u001b[0;31m";
    static final String LIGHT_YELLOW = "\u001b[0;1;33m";
    static final String ENDC = "\u001b[0;0m";

    private Fixtures() {}

    static Map<String, Object> map(Object... kv) {
        return Data.map(kv);
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /**
     * One minion's return with every kind of value, keys deliberately out of order:
     * {"web1": {"pkgs": ["vim", "curl"], "ok": True, "none": None, "off": False, "n": 4,
     * "f": 1.0, "g": 0.1, "big": 1e20, "empty_d": {}, "empty_l": [],
     * "text": "line1\nline2\n\nline4\n", "uni": "Grüße 日本",
     * "nested": [[1, "a"], {"k": "v", "z": [1]}]}}
     */
    static Map<String, Object> everything() {
        return map("web1", map(
                "pkgs", list("vim", "curl"),
                "ok", true,
                "none", null,
                "off", false,
                "n", 4L,
                "f", 1.0,
                "g", 0.1,
                "big", 1e20,
                "empty_d", map(),
                "empty_l", list(),
                "text", "line1\nline2\n\nline4\n",
                "uni", "Grüße 日本",
                "nested", list(list(1L, "a"), map("k", "v", "z", list(1L)))));
    }

    static String fmt(String outputter, Object data, OutputOptions opts) {
        return Outputters.get(outputter).format(data, opts);
    }
}
