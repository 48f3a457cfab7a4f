package io.jsalt.common.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's itertools as Salt's Jinja filters expose them (salt/utils/jinja.py): each result is
 * a list of tuples in itertools' order, so {% for a, b in x | product('xy') %} unpacks them.
 */
final class IterTools {
    private IterTools() {}

    private static SaltFilters.PyTuple tuple(List<Object> pool, int[] idx) {
        SaltFilters.PyTuple t = new SaltFilters.PyTuple();
        for (int i : idx) {
            t.add(pool.get(i));
        }
        return t;
    }

    /** itertools.combinations(pool, r), or combinations_with_replacement(pool, r). */
    static List<Object> combinations(List<Object> pool, int r, boolean replacement) {
        List<Object> out = new ArrayList<>();
        int n = pool.size();
        if (r < 0 || (!replacement && r > n) || (replacement && n == 0 && r > 0)) {
            return out;
        }
        int[] idx = new int[r];
        for (int i = 0; i < r; i++) {
            idx[i] = replacement ? 0 : i;
        }
        while (true) {
            out.add(tuple(pool, idx));
            int i = r - 1;
            while (i >= 0 && idx[i] == (replacement ? n - 1 : i + n - r)) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            idx[i]++;
            for (int j = i + 1; j < r; j++) {
                idx[j] = replacement ? idx[i] : idx[j - 1] + 1;
            }
        }
    }

    /** itertools.permutations(pool, r): r defaults to the pool's length. */
    static List<Object> permutations(List<Object> pool, Integer r) {
        int n = pool.size();
        int len = r == null ? n : r;
        List<Object> out = new ArrayList<>();
        if (len > n || len < 0) {
            return out;
        }
        permute(pool, new int[len], 0, new boolean[n], out);
        return out;
    }

    private static void permute(List<Object> pool, int[] idx, int depth, boolean[] used, List<Object> out) {
        if (depth == idx.length) {
            out.add(tuple(pool, idx));
            return;
        }
        for (int i = 0; i < pool.size(); i++) {
            if (!used[i]) {
                used[i] = true;
                idx[depth] = i;
                permute(pool, idx, depth + 1, used, out);
                used[i] = false;
            }
        }
    }

    /** itertools.compress(data, selectors): the items whose selector is true. */
    static List<Object> compress(List<Object> data, List<Object> selectors) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < Math.min(data.size(), selectors.size()); i++) {
            if (PyValues.truthy(selectors.get(i))) {
                out.add(data.get(i));
            }
        }
        return out;
    }

    /** itertools.product(*pools, repeat=n). */
    static List<Object> product(List<List<Object>> pools, Integer repeat) {
        List<List<Object>> all = new ArrayList<>();
        for (int i = 0; i < (repeat == null ? 1 : repeat); i++) {
            all.addAll(pools);
        }
        List<Object> out = new ArrayList<>();
        out.add(new SaltFilters.PyTuple());
        for (List<Object> pool : all) {
            List<Object> next = new ArrayList<>();
            for (Object prefix : out) {
                for (Object item : pool) {
                    SaltFilters.PyTuple t = new SaltFilters.PyTuple();
                    t.addAll((List<?>) prefix);
                    t.add(item);
                    next.add(t);
                }
            }
            out = next;
        }
        return out;
    }

    /** zip(*pools), or itertools.zip_longest(*pools, fillvalue=fill). */
    static List<Object> zip(List<List<Object>> pools, boolean longest, Object fill) {
        int len = longest ? 0 : Integer.MAX_VALUE;
        for (List<Object> p : pools) {
            len = longest ? Math.max(len, p.size()) : Math.min(len, p.size());
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < (pools.isEmpty() ? 0 : len); i++) {
            SaltFilters.PyTuple t = new SaltFilters.PyTuple();
            for (List<Object> p : pools) {
                t.add(i < p.size() ? p.get(i) : fill);
            }
            out.add(t);
        }
        return out;
    }
}
