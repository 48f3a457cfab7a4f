package io.jsalt.minion.states;

import io.jsalt.common.data.Data;
import io.jsalt.common.plugin.Call;
import io.jsalt.common.plugin.Fn;
import io.jsalt.common.plugin.StatePlugin;
import java.util.List;
import java.util.Map;

/** Salt's locale states (salt/states/locale.py) over the locale execution module. */
public final class LocaleStates implements StatePlugin {
    @Override
    public String name() {
        return "locale";
    }

    @Override
    public String doc() {
        return "Management of the system's locales: generated ones and the system locale.";
    }

    @Fn(doc = """
            Make sure the locale is generated (Debian: the name as /usr/share/i18n/SUPPORTED lists it, 'de_DE.UTF-8 \
            UTF-8').""",
            example = """
            de_DE.UTF-8 UTF-8:
              locale.present""")
    public Object present(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        if (Boolean.TRUE.equals(c.salt("locale.avail", List.of(name), Map.of()))) {
            return ret.done("Locale " + name + " is already present");
        }
        return Plan.change("Locale " + name + " needs to be generated", r -> {
            if (!Boolean.TRUE.equals(c.salt("locale.gen_locale", List.of(name), Map.of()))) {
                return r.fail("Failed to generate system locale");
            }
            r.changes.putAll(Data.map("locale", name));
            return r.done("Generated locale " + name);
        }).run(c, ret);
    }

    @Fn(doc = "Make sure the system locale (LANG) is this one.", example = """
            en_US.UTF-8:
              locale.system""")
    public Object system(Call c) {
        String name = c.requiredStr(0, "name");
        Ret ret = new Ret(name);
        if (name.equals(c.salt("locale.get_locale", List.of(), Map.of()))) {
            return ret.done("System locale " + name + " already set");
        }
        return Plan.change("System locale " + name + " needs to be set", r -> {
            c.salt("locale.set_locale", List.of(name), Map.of());
            r.changes.putAll(Data.map("locale", name));
            return r.done("Set system locale " + name);
        }).failingWith("Failed to set system locale: ").run(c, ret);
    }
}
