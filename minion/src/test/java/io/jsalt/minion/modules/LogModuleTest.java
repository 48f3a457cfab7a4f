package io.jsalt.minion.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * Salt's log module (salt/modules/logmod.py): each function logs the message at its level;
 * Python's CRITICAL and the exception level are the minion's ERROR.
 */
class LogModuleTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "log.{0}")
    @CsvSource({"debug, DEBUG", "info, INFO", "warning, WARN", "error, ERROR", "critical, ERROR", "exception, ERROR"})
    void eachFunctionLogsTheMessageAtItsLevel(String function, String level) {
        Logger logger = (Logger) LoggerFactory.getLogger("test");
        Level previous = logger.getLevel();
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        logger.setLevel(Level.DEBUG);
        try {
            assertEquals(true, new TestMinion(dir).call("log." + function, "braces {} stay"));
            assertEquals(1, seen.list.size(), seen.list.toString());
            assertEquals(Level.toLevel(level), seen.list.get(0).getLevel());
            assertEquals("braces {} stay", seen.list.get(0).getFormattedMessage());
        } finally {
            logger.detachAppender(seen);
            logger.setLevel(previous);
        }
    }
}
