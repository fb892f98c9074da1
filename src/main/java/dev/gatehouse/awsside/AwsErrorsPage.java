package dev.gatehouse.awsside;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * The AWS error decoder.
 *
 * @param text    what was pasted (cut to {@link AwsErrorDecoder#MAX_TEXT}), or empty
 * @param matches what it matched, or {@code null} before anything is pasted
 * @param known   every error the decoder knows, listed below the form
 */
public record AwsErrorsPage(Chrome chrome, String text, List<AwsErrorDecoder.Decoded> matches, List<AwsErrorDecoder.Known> known) {
}
