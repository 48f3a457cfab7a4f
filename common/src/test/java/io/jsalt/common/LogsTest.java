package io.jsalt.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a peer sends cannot forge a log line: the daemons' patterns escape message and arguments. */
class LogsTest {
    private static String logged(String pattern, String format, Object... args) {
        LoggerContext lc = new LoggerContext();
        lc.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        lc.start();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> a = new OutputStreamAppender<>();
        a.setContext(lc);
        a.setEncoder(Logs.encoder(lc, pattern));
        a.setOutputStream(bytes);
        a.start();
        Logger log = lc.getLogger("io.jsalt.master.transport.AuthHandler");
        log.addAppender(a);
        log.warn(format, args);
        a.stop();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aHostileIdInALogArgumentStaysOnOneLine() {
        String id = "evil1\n2026-12-07 03:00:00,000 [AuthHandler        ][INFO   ][jsalt-auth] key accepted\r\u001b[2J";
        for (String pattern : new String[] {Logs.FILE_PATTERN, Logs.CONSOLE_PATTERN}) {
            String out = logged(pattern, "Refusing the Hello from {}: minion id '{}'", "/127.0.0.1:4506", id);
            assertEquals(1, out.split("\n", -1).length - 1, out);
            assertTrue(out.endsWith("minion id 'evil1\\n2026-12-07 03:00:00,000 [AuthHandler        ][INFO   ]"
                    + "[jsalt-auth] key accepted\\r\\x1b[2J'\n"), out);
        }
    }

    @Test
    void theMessageItselfIsEscapedToo() {
        String out = logged(Logs.CONSOLE_PATTERN, "a\nb\u001b");
        assertEquals("[WARN   ] a\\nb\\x1b\n", out);
    }

    @Test
    void anExceptionKeepsItsStackTraceButNotTheControlCharactersOfItsMessage() {
        Exception e = new IllegalStateException("cannot fire 'tag\n2026-12-07 [FAKE] line'",
                new java.io.IOException("cause\r\u001b[2J"));
        String out = logged(Logs.FILE_PATTERN, "Event failed", e);
        assertTrue(out.contains("Event failed\njava.lang.IllegalStateException: cannot fire 'tag\\n2026-12-07 [FAKE] line'\n"
                + "\tat io.jsalt.common.LogsTest."), out);
        assertTrue(out.contains("Caused by: java.io.IOException: cause\\r\\x1b[2J\n"), out);
        assertTrue(out.lines().noneMatch(l -> l.startsWith("2026-12-07 [FAKE]")), out);
    }
}
