package dev.gatehouse.awsemulator.iam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testing.Peers;

import static org.assertj.core.api.Assertions.assertThat;

/** How the IAM CLI tests read the AWS CLI's answers: a success's JSON, or a refusal's code and text. */
final class CliAnswers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CliAnswers() {
    }

    /** The answer's JSON (an empty object for commands that print nothing); fails the test unless the CLI exited 0. */
    static JsonNode json(Peers.Output r) throws Exception {
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.stdout());
    }

    /** Fails the test unless the CLI reported a service error (exit 254) whose message contains {@code codeAndText}. */
    static void fails(Peers.Output r, String codeAndText) {
        assertThat(r.exitCode()).as(r.stdout()).isEqualTo(254);
        assertThat(r.stderr()).contains(codeAndText);
    }
}
