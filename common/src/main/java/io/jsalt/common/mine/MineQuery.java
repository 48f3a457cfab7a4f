package io.jsalt.common.mine;

import java.util.ArrayList;
import java.util.List;

/**
 * The functions a mine.get asks for, read as Salt reads its {@code fun} argument on both sides
 * (salt/daemons/masterapi.py _mine_get, salt/modules/mine.py get): a list, or a
 * comma-separated string whose repeats count once.
 *
 * @param names      the function names, in the order given
 * @param byFunction whether the answer is {@code {fun: {minion: value}}} (a list, or several
 *                   names in the string) rather than {@code {minion: value}}
 */
public record MineQuery(List<String> names, boolean byFunction) {
    public static MineQuery of(Object fun) {
        List<String> names = new ArrayList<>();
        if (fun instanceof List<?> l) {
            l.forEach(f -> names.add(String.valueOf(f)));
            return new MineQuery(names, true);
        }
        for (String f : String.valueOf(fun).split(",", -1)) {
            if (!names.contains(f)) {
                names.add(f);
            }
        }
        return new MineQuery(names, names.size() > 1);
    }
}
