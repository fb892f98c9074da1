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
import java.util.Iterator;

/**
 * What the application logs while a test runs, written by the encoder {@code logback.xml} gives the console, so a
 * test sees the very lines an operator would. Events reach it on the logging thread, before the logging call
 * returns, so whatever a request logged is here once its answer arrived. Close it to detach.
 */
public final class CapturedLog implements AutoCloseable {
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final StringBuilder text = new StringBuilder();
    private final Appender<ILoggingEvent> appender;

    private CapturedLog() {
        Encoder<ILoggingEvent> encoder = consoleEncoder(root.iteratorForAppenders());
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                text.append(new String(encoder.encode(event), StandardCharsets.UTF_8));
            }
        };
        appender.setContext(root.getLoggerContext());
        appender.setName("captured-log");
        appender.start();
        root.addAppender(appender);
    }

    public static CapturedLog start() {
        return new CapturedLog();
    }

    /** Everything logged since {@link #start()}, as the console would have printed it. */
    public String text() {
        synchronized (appender) { // AppenderBase.doAppend holds the same lock while appending
            return text.toString();
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
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
