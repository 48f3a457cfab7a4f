package io.jsalt.common;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logging before a daemon or tool applies its own options ({@link Logs#setup}): warnings
 * and errors on stderr. Set up in code rather than from a logback.xml, so no XML parser
 * and none of logback's configuration machinery is loaded: a few hundred classes less in
 * every jsalt process, which matters for the minion's resident memory. A logback-test.xml
 * or -Dlogback.configurationFile still wins (logback reads those before asking us).
 */
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext lc) {
        if (System.getProperty("logback.configurationFile") != null
                || DefaultLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleAppender<ILoggingEvent> ca = new ConsoleAppender<>();
        ca.setContext(lc);
        ca.setName("STDERR");
        ca.setTarget("System.err");
        ca.setEncoder(Logs.encoder(lc, Logs.CONSOLE_PATTERN));
        ca.start();
        ch.qos.logback.classic.Logger root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(ca);
        lc.getLogger("io.netty").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
