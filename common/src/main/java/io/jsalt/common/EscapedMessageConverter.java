package io.jsalt.common;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.jsalt.common.text.Printable;

/**
 * {@code %msg} for every log line jsalt writes: the formatted message with control
 * characters escaped ({@code \n}, {@code \r}, {@code \x1b}), so an id, a path or any other
 * text a peer sent cannot end the line and forge the next one, or colour a terminal. The
 * stack trace of an exception logged with the message is printed after it as usual.
 */
public final class EscapedMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return Printable.line(event.getFormattedMessage());
    }
}
