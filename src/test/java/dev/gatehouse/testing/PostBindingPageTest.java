package dev.gatehouse.testing;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading the auto-posting page, whatever way the template escaped the fields. */
class PostBindingPageTest {
    private static final String XML = "<samlp:Response ID=\"_1\"/>";
    private static final String B64 = Base64.getEncoder().encodeToString(XML.getBytes(StandardCharsets.UTF_8));

    @Test
    void fieldsThenUnescapedValues() {
        String escaped = B64.replace("+", "&#43;").replace("=", "&#x3D;");
        String html = "<form><input type=\"hidden\" name=\"SAMLResponse\" value=\"" + escaped + "\">"
                + "<input type=\"hidden\" name=\"RelayState\" value=\"a&amp;b&quot;c\"></form>";
        assertThat(PostBindingPage.samlResponse(html)).isEqualTo(B64);
        assertThat(PostBindingPage.xml(html)).isEqualTo(XML);
        assertThat(PostBindingPage.field(html, "RelayState")).contains("a&b\"c");
        assertThat(PostBindingPage.hasSamlResponse(html)).isTrue();
    }

    @Test
    void whenNoResponseThenEmptyOrAClearFailure() {
        String html = "<p>You are not assigned to this application.</p>";
        assertThat(PostBindingPage.hasSamlResponse(html)).isFalse();
        assertThat(PostBindingPage.field(html, "RelayState")).isEmpty();
        assertThatThrownBy(() -> PostBindingPage.samlResponse(html)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no SAMLResponse on the page");
    }
}
