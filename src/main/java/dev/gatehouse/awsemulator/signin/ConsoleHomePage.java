package dev.gatehouse.awsemulator.signin;

import dev.gatehouse.web.Chrome;

import java.util.List;

/** The emulated console's landing page for a federated session. */
public record ConsoleHomePage(Chrome chrome, String accountId, String assumedRoleArn, String roleName,
                              String sessionName, String sourceIdentity, java.util.Map<String, String> sessionTags, String expiresAt, List<String> policyNames,
                              String csrfToken) {
}
