package io.jsalt.master.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What one class logs during a test, from {@code level} up, whatever the test logging
 * configuration (tests run with the root logger off). Close it to detach.
 */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture(Class<?> source, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(source);
        this.previous = logger.getLevel();
        logger.setLevel(level);
        appender.start();
        logger.addAppender(appender);
    }

    static LogCapture of(Class<?> source, Level level) {
        return new LogCapture(source, level);
    }

    /** The formatted messages logged at exactly {@code level}, oldest first. */
    List<String> messages(Level level) {
        List<String> out = new ArrayList<>();
        synchronized (appender.list) {
            for (ILoggingEvent e : new ArrayList<>(appender.list)) {
                if (e.getLevel() == level) {
                    out.add(e.getFormattedMessage());
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(previous);
    }
}
