package io.jsalt.common.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.el.ext.NamedParameter;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.ExpTest;
import com.hubspot.jinjava.lib.filter.Filter;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.loader.ResourceLocator;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.CompositeELResolver;

/**
 * The one Jinjava configuration that renders Salt's Jinja: Python-like semantics through
 * LegacyOverrides, Python methods, Salt's tags, filters and tests, no nested interpretation
 * of printed values, and templates loaded only through the render's file roots.
 */
final class SaltEngine {
    private SaltEngine() {}

    static Jinjava create() {
        Jinjava j = new SaltSyntax.SaltJinjava(config(false, false));
        j.setResourceLocator(new RootsLocator());
        for (Tag t : List.<Tag>of(new ForTag(), NamedTag.of("include", TemplateTags::include),
                NamedTag.of("import", TemplateTags::importAs), NamedTag.of("from", TemplateTags::fromImport),
                new DataTags.Import("yaml"), new DataTags.Import("json"),
                new DataTags.Import("text"), new DataTags.Load("yaml"), new DataTags.Load("json"),
                new DataTags.Load("text"), new ProfileTag(), new UnpackingSetTag(), new FilterBlockTag(), new MacroDefTag())) {
            j.getGlobalContext().registerTag(t);
        }
        for (Filter f : SaltFilters.all()) {
            j.getGlobalContext().registerFilter(f);
        }
        for (ExpTest t : SaltTests.all()) {
            j.getGlobalContext().registerExpTest(t);
        }
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise", SaltGlobals.class,
                "raise", String.class));
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", "dict", SaltGlobals.class,
                "dict", Object[].class));
        // Salt's templates also have odict, Python's OrderedDict (salt/utils/templates.py
        // render_jinja_tmpl). jsalt's dicts keep insertion order, so it is dict under another name.
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", "odict", SaltGlobals.class,
                "dict", Object[].class));
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", "ifelse", SaltGlobalFunctions.class,
                "ifelse", Object[].class));
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", "show_full_context",
                SaltGlobalFunctions.class, "showFullContext"));
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", PySyntax.UNESCAPE_FUNCTION,
                SaltGlobals.class, "pystr", String.class));
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", PySyntax.TUPLE_FUNCTION + "0",
                SaltGlobals.class, "tuple0"));
        j.getGlobalContext().registerFunction(new ELFunctionDefinition("", PySyntax.TUPLE_FUNCTION + "1",
                SaltGlobals.class, "tuple1", Object.class));
        return j;
    }

    /**
     * The engine's configuration, with Jinja2's trim_blocks and lstrip_blocks as the render's
     * jinja_env or jinja_sls_env asks ({@link JinjaEnv}); a render passes it to its interpreter.
     */
    static JinjavaConfig config(boolean trimBlocks, boolean lstripBlocks) {
        LegacyOverrides legacy = LegacyOverrides.newBuilder()
                .withEvaluateMapKeys(true)
                .withIterateOverMapKeys(true)
                .withUseNaturalOperatorPrecedence(true)
                .withParseWhitespaceControlStrictly(true)
                .withUseTrimmingForNotesAndExpressions(true)
                .withKeepNullableLoopValues(true)
                .build();
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new UndefinedResolver());
        resolver.add(new CallResolver());
        resolver.add(new PyMethods());
        resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_WRITE);
        return JinjavaConfig.newBuilder()
                .withLegacyOverrides(legacy)
                .withElResolver(resolver)
                .withInterperterFactory(new SaltInterpreter.Factory())
                .withNestedInterpretationEnabled(false) // pillar text must never run as a template
                .withFailOnUnknownTokens(false)
                .withEnableRecursiveMacroCalls(true)
                .withMaxMacroRecursionDepth(100)
                .withMaxOutputSize(256L * 1024 * 1024)
                .withTrimBlocks(trimBlocks)
                .withLstripBlocks(lstripBlocks)
                .build();
    }

    /** {@code extends} and anything else asking Jinjava for a resource: the roots only. */
    private static final class RootsLocator implements ResourceLocator {
        @Override
        public String getString(String name, Charset encoding, JinjavaInterpreter interpreter) throws IOException {
            RenderState state = SaltInterpreter.state(interpreter);
            return state.read(state.resolve(name)).orElseThrow(() -> new IOException(
                    "template '" + name + "' not found in the file roots"));
        }
    }

    /** Global functions Salt adds to Jinja. */
    static final class SaltGlobals {
        private SaltGlobals() {}

        /** {{ raise('message') }}: fails the render with the message (salt/utils/jinja.py). */
        public static Object raise(String message) {
            throw new RenderErrors.TemplateProblem(message);
        }

        /**
         * Jinja2's global {@code dict}, Python's dict(): a mapping or a list of pairs, then
         * name=value arguments, in that order ({@code dict(a=1)}, {@code dict(d, b=2)}).
         */
        public static Object dict(Object... args) {
            Map<Object, Object> out = new LinkedHashMap<>();
            for (Object a : args) {
                if (a instanceof NamedParameter np) {
                    out.put(np.getName(), np.getValue());
                } else if (a instanceof Map<?, ?> m) {
                    out.putAll(m);
                } else if (a instanceof Iterable<?> pairs) {
                    for (Object pair : pairs) {
                        List<Object> kv = SaltFilters.toList(pair);
                        if (kv.size() != 2) {
                            throw new RenderErrors.TemplateProblem("dictionary update sequence element has length "
                                    + kv.size() + "; 2 is required");
                        }
                        out.put(kv.get(0), kv.get(1));
                    }
                } else if (a != null) {
                    throw new RenderErrors.TemplateProblem("'" + PyOperators.typeName(a) + "' object is not iterable");
                }
            }
            return out;
        }

        /** Python's {@code ()}; see {@link PySyntax}. */
        public static Object tuple0() {
            return new SaltFilters.PyTuple();
        }

        /** Python's {@code (x,)}; see {@link PySyntax}. */
        public static Object tuple1(Object x) {
            SaltFilters.PyTuple t = new SaltFilters.PyTuple();
            t.add(x);
            return t;
        }

        /** A Python string literal's value; see {@link PySyntax}. */
        public static String pystr(String body) {
            return PySyntax.unescape(body);
        }
    }
}
