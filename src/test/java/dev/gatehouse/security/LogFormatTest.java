package dev.gatehouse.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.spi.AppenderAttachable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped {@code logback.xml} under each {@code GATEHOUSE_LOG_FORMAT}: one line per event either way. */
class LogFormatTest {
    private static final String HOSTILE = "alice\nFORGED line\r\u001b[2K";

    /** What the console appender of {@code logback.xml}, configured with {@code format}, writes for one event. */
    private static String written(String format) throws JoranException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // what SLF4J's binding sets up
        try {
            if (format != null) {
                context.putProperty("GATEHOUSE_LOG_FORMAT", format);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
            var async = (AppenderAttachable<ILoggingEvent>) context.getLogger("ROOT").getAppender("ASYNC");
            var console = (OutputStreamAppender<ILoggingEvent>) async.getAppender("STDOUT");
            ch.qos.logback.classic.Logger audit = context.getLogger("audit");
            LoggingEvent event = new LoggingEvent(LogFormatTest.class.getName(), audit, Level.INFO,
                    "SIGN_IN_FAILED by {}", null, new Object[]{HOSTILE});
            return new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
        } finally {
            context.stop();
        }
    }

    @Test
    void textByDefaultEscapesControlCharactersOnOneLine() throws Exception {
        String line = written(null);

        assertThat(line).endsWith("\n").contains("audit - SIGN_IN_FAILED by alice\\nFORGED line\\r\\u001b[2K");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b");
    }

    @Test
    void jsonWritesOneObjectPerLineWithTheMessageIntact() throws Exception {
        String line = written("json");

        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("formattedMessage").asText()).isEqualTo("SIGN_IN_FAILED by " + HOSTILE);
        assertThat(json.get("loggerName").asText()).isEqualTo("audit");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
    }
}
