package dev.gatehouse.samlxml;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The SAML HTTP-Redirect binding's encoding (Bindings §3.4.4.1): raw DEFLATE, then base64. Inflation is capped
 * so that a small hostile message cannot expand into a large one.
 */
public final class RedirectBinding {
    /** The largest message we inflate; AuthnRequests are a few kilobytes. */
    public static final int MAX_INFLATED_BYTES = 100_000;

    private RedirectBinding() {
    }

    public static byte[] decode(String base64Deflated) {
        byte[] deflated;
        try {
            deflated = Base64.getMimeDecoder().decode(base64Deflated);
        } catch (IllegalArgumentException e) {
            throw new InvalidXmlException("SAMLRequest is not valid base64");
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new InvalidXmlException("SAMLRequest is not a complete DEFLATE stream");
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED_BYTES) {
                    throw new InvalidXmlException("SAMLRequest inflates beyond " + MAX_INFLATED_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new InvalidXmlException("SAMLRequest is not DEFLATE-compressed");
        } finally {
            inflater.end();
        }
    }

    public static String encode(String xml) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } finally {
            deflater.end();
        }
    }
}
