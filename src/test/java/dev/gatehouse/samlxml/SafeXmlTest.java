package dev.gatehouse.samlxml;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one parser's limits, at their edges; every XML either product reads passes through them. */
class SafeXmlTest {
    private static byte[] nested(int depth) {
        return ("<a>".repeat(depth) + "x" + "</a>".repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void nestingUpToTheLimitIsReadAndOneLevelMoreIsRefusedWhileParsing() {
        assertThat(SafeXml.parse(nested(SafeXml.MAX_DEPTH)).getDocumentElement().getTextContent()).isEqualTo("x");
        assertThatThrownBy(() -> SafeXml.parse(nested(SafeXml.MAX_DEPTH + 1)))
                .isInstanceOf(InvalidXmlException.class).hasMessageContaining("nested too deeply");
        // Far deeper than any recursive DOM walk survives: refused before a tree exists.
        assertThatThrownBy(() -> SafeXml.parse(nested(200_000)))
                .isInstanceOf(InvalidXmlException.class).hasMessageContaining("nested too deeply");
    }

    @Test
    void documentOverTheSizeLimitIsRefusedUnread() {
        byte[] small = "<a>1234567890</a>".getBytes(StandardCharsets.UTF_8);
        assertThat(SafeXml.parse(small, small.length).getDocumentElement().getTextContent()).isEqualTo("1234567890");
        assertThatThrownBy(() -> SafeXml.parse(small, small.length - 1))
                .isInstanceOf(InvalidXmlException.class).hasMessageContaining("longer than " + (small.length - 1));
        assertThatThrownBy(() -> SafeXml.parse(new byte[SafeXml.MAX_BYTES + 1], Integer.MAX_VALUE))
                .isInstanceOf(InvalidXmlException.class).hasMessageContaining("longer than " + SafeXml.MAX_BYTES);
    }

    @Test
    void uploadedMetadataGoesThroughTheSameLimits() {
        String deep = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://idp\">"
                + "<md:Extensions>" + "<e>".repeat(5_000) + "</e>".repeat(5_000) + "</md:Extensions></md:EntityDescriptor>";
        assertThatThrownBy(() -> IdpMetadataReader.read(deep))
                .isInstanceOf(InvalidXmlException.class).hasMessageContaining("nested too deeply");
    }

    @Test
    void doctypeIsRefused() {
        assertThatThrownBy(() -> SafeXml.parse("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidXmlException.class);
    }
}
