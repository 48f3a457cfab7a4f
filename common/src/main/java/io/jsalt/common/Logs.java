package io.jsalt.common;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logging set up from Salt's options: log_level (garbage, trace, debug, info, warning,
 * error, critical, quiet) and log_file; the console too when running in the foreground.
 * Every pattern jsalt uses prints {@code %msg} through {@link EscapedMessageConverter}, so
 * no log line carries a raw control character from a message or its arguments.
 */
public final class Logs {
    /** The console's line: level and message. */
    public static final String CONSOLE_PATTERN = "[%-7level] %msg%n%ex";
    /** The log file's line, as Salt's log_fmt_logfile. */
    public static final String FILE_PATTERN =
            "%d{\"yyyy-MM-dd HH:mm:ss,SSS\"} [%-20.20logger{0}][%-7level][%thread] %msg%n%ex";

    private Logs() {}

    public static Level level(String saltLevel) {
        if (saltLevel == null) {
            return Level.WARN;
        }
        switch (saltLevel.toLowerCase(java.util.Locale.ROOT)) {
            case "all":
            case "garbage":
            case "trace":
                return Level.TRACE;
            case "debug":
                return Level.DEBUG;
            case "info":
            case "profile":
                return Level.INFO;
            case "warn":
            case "warning":
                return Level.WARN;
            case "error":
            case "critical":
                return Level.ERROR;
            case "quiet":
                return Level.OFF;
            default:
                throw new IllegalArgumentException("unknown log level '" + saltLevel
                        + "' (use one of: all, garbage, trace, debug, info, warning, error, critical, quiet)");
        }
    }

    /** Configures the root logger; a null logFile logs to the console only. */
    public static void setup(String consoleLevel, Path logFile, String fileLevel, boolean console) {
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        lc.reset();
        ch.qos.logback.classic.Logger root = lc.getLogger(Logger.ROOT_LOGGER_NAME);
        Level cl = level(consoleLevel);
        Level fl = level(fileLevel == null ? consoleLevel : fileLevel);
        root.setLevel(cl.toInt() < fl.toInt() ? cl : fl);
        lc.getLogger("io.netty").setLevel(Level.WARN);
        if (console) {
            ConsoleAppender<ILoggingEvent> ca = new ConsoleAppender<>();
            ca.setContext(lc);
            ca.setTarget("System.err");
            ca.setEncoder(encoder(lc, CONSOLE_PATTERN));
            ca.addFilter(thresholdFilter(cl));
            ca.start();
            root.addAppender(ca);
        }
        if (logFile != null) {
            try {
                Files.createDirectories(logFile.toAbsolutePath().getParent());
                FileAppender<ILoggingEvent> fa = new FileAppender<>();
                fa.setContext(lc);
                fa.setFile(logFile.toString());
                fa.setAppend(true);
                fa.setEncoder(encoder(lc, FILE_PATTERN));
                fa.addFilter(thresholdFilter(fl));
                fa.start();
                root.addAppender(fa);
            } catch (java.io.IOException e) {
                System.err.println("Cannot open log file " + logFile + ": " + e.getMessage());
            }
        }
    }

    /**
     * An encoder for {@code pattern} whose {@code %msg} (and {@code %m}, {@code %message}) is
     * escaped, and whose {@code %ex} escapes exception messages.
     */
    public static PatternLayoutEncoder encoder(LoggerContext lc, String pattern) {
        escapeMessages(lc);
        PatternLayoutEncoder e = new PatternLayoutEncoder();
        e.setContext(lc);
        e.setPattern(pattern);
        e.start();
        return e;
    }

    /**
     * Maps the message conversion words of every pattern built in {@code lc} from now on to
     * {@link EscapedMessageConverter} (logback's per-context pattern rule registry).
     */
    @SuppressWarnings("unchecked")
    static void escapeMessages(LoggerContext lc) {
        Object existing = lc.getObject(CoreConstants.PATTERN_RULE_REGISTRY);
        Map<String, String> rules = existing instanceof Map<?, ?> m ? (Map<String, String>) m : new HashMap<>();
        for (String word : new String[] {"m", "msg", "message"}) {
            rules.put(word, EscapedMessageConverter.class.getName());
        }
        for (String word : new String[] {"ex", "exception", "throwable"}) {
            rules.put(word, EscapedThrowableConverter.class.getName());
        }
        lc.putObject(CoreConstants.PATTERN_RULE_REGISTRY, rules);
    }

    private static ch.qos.logback.classic.filter.ThresholdFilter thresholdFilter(Level l) {
        ch.qos.logback.classic.filter.ThresholdFilter f = new ch.qos.logback.classic.filter.ThresholdFilter();
        f.setLevel(l.toString());
        f.start();
        return f;
    }

    /** Quiet logging for the CLI tools: warnings and errors on stderr only. */
    public static void cli(String level) {
        setup(level == null ? "warning" : level, null, null, true);
    }
}
