package io.jsalt.common.plugin;

/**
 * An execution module a test declares: its name given once, a doc that says it is a test's,
 * and its functions the subclass's {@code @Fn} methods (a subclass must be public and static
 * for the registry to call them).
 */
public abstract class TestModule implements ExecutionPlugin {
    private final String name;

    protected TestModule(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String doc() {
        return "The " + name + " module of a test.";
    }
}
