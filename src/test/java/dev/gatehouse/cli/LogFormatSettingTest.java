package dev.gatehouse.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GATEHOUSE_LOG_FORMAT picks a console layout by name; a name with no layout must stop the start, not silence the log. */
class LogFormatSettingTest {

    @Test
    void unsetTextAndJsonAreAccepted() {
        assertThat(Main.logFormatProblem(null)).isNull();
        assertThat(Main.logFormatProblem("text")).isNull();
        assertThat(Main.logFormatProblem("json")).isNull();
    }

    @Test
    void anyOtherValueIsRefusedWithTheValueShownSafely() {
        assertThat(Main.logFormatProblem("JSON")).isEqualTo("GATEHOUSE_LOG_FORMAT must be text or json, not \"JSON\"");
        assertThat(Main.logFormatProblem("xml\n")).isEqualTo("GATEHOUSE_LOG_FORMAT must be text or json, not \"xml?\"");
    }
}
