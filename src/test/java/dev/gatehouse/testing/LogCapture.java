package dev.gatehouse.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Every logback event logged while it is open, caught by a real appender on the root logger. The appender is
 * called on the logging thread, before the asynchronous console appender, so an event logged while a request was
 * handled is here once its response has arrived. Close it to detach.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new ArrayList<>();

    private LogCapture() {
    }

    public static LogCapture open() {
        LogCapture capture = new LogCapture();
        capture.setContext((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory());
        capture.setName("test-capture");
        capture.start();
        root().addAppender(capture);
        return capture;
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @Override
    protected synchronized void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing();
        events.add(event);
    }

    /** The events so far, and forgets them. */
    public synchronized List<ILoggingEvent> drain() {
        List<ILoggingEvent> copy = List.copyOf(events);
        events.clear();
        return copy;
    }

    /** One line per event: level, logger, message, and the exception's class when one came with it. */
    public static String describe(List<ILoggingEvent> events) {
        StringBuilder s = new StringBuilder();
        for (ILoggingEvent e : events) {
            s.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ").append(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                s.append(" [").append(e.getThrowableProxy().getClassName()).append(']');
            }
            s.append('\n');
        }
        return s.toString();
    }

    @Override
    public void close() {
        root().detachAppender(this);
        stop();
    }
}
