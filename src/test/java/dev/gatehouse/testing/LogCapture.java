package dev.gatehouse.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * What the servers log while it is open, caught by a real appender on the root logger: the events themselves, and
 * the text the console's encoder (the one {@code logback.xml} configures) makes of them, so a test sees the very
 * lines an operator would. The appender is called on the logging thread, before the asynchronous console
 * appender, so whatever a request logged is here once its response has arrived. Close it to detach.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final List<ILoggingEvent> events = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final Encoder<ILoggingEvent> consoleEncoder;

    private LogCapture(Encoder<ILoggingEvent> consoleEncoder) {
        this.consoleEncoder = consoleEncoder;
    }

    public static LogCapture open() {
        LogCapture capture = new LogCapture(consoleEncoder(root().iteratorForAppenders()));
        capture.setContext(root().getLoggerContext());
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
        text.append(new String(consoleEncoder.encode(event), StandardCharsets.UTF_8));
    }

    /** The events so far, and forgets them. */
    public synchronized List<ILoggingEvent> drain() {
        List<ILoggingEvent> copy = List.copyOf(events);
        events.clear();
        return copy;
    }

    /** Everything logged since {@link #open()}, as the console would have printed it. */
    public synchronized String text() {
        return text.toString();
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

    /** The encoder of the console appender, found through the asynchronous appender that wraps it. */
    @SuppressWarnings("unchecked")
    private static Encoder<ILoggingEvent> consoleEncoder(Iterator<Appender<ILoggingEvent>> appenders) {
        while (appenders.hasNext()) {
            Appender<ILoggingEvent> a = appenders.next();
            if (a instanceof OutputStreamAppender<ILoggingEvent> out) {
                return out.getEncoder();
            }
            if (a instanceof AppenderAttachable<?> wrapper) {
                return consoleEncoder(((AppenderAttachable<ILoggingEvent>) wrapper).iteratorForAppenders());
            }
        }
        throw new IllegalStateException("logback.xml gives the root logger no console appender");
    }
}
