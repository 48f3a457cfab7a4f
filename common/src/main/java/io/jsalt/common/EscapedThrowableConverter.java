package io.jsalt.common;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import io.jsalt.common.text.Printable;

/**
 * {@code %ex} for every log line jsalt writes: the stack trace stays multi-line, but each
 * exception's message (which may quote an id, a tag or a path a peer sent) is printed with
 * control characters escaped, so it cannot forge a line either.
 */
public final class EscapedThrowableConverter extends ThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return super.throwableProxyToString(Escaped.of(tp));
    }

    /** A throwable as logged, its messages (and its causes' and suppressed ones') escaped. */
    private record Escaped(IThrowableProxy inner) implements IThrowableProxy {
        static IThrowableProxy of(IThrowableProxy tp) {
            return tp == null || tp instanceof Escaped ? tp : new Escaped(tp);
        }

        @Override
        public String getMessage() {
            return Printable.line(inner.getMessage());
        }

        @Override
        public String getClassName() {
            return inner.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return inner.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return inner.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return of(inner.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] s = inner.getSuppressed();
            if (s == null) {
                return null;
            }
            IThrowableProxy[] out = new IThrowableProxy[s.length];
            for (int i = 0; i < s.length; i++) {
                out[i] = of(s[i]);
            }
            return out;
        }

        @Override
        public boolean isCyclic() {
            return inner.isCyclic();
        }
    }
}
