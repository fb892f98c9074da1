package dev.gatehouse.awsside;

import dev.gatehouse.web.Chrome;

import java.util.List;

/**
 * The AWS side of one application.
 *
 * @param target      the role and account it signs into, or {@code null} while the Role mapping names none
 * @param trustPolicy the role's trust policy as JSON, or {@code null} without a target
 * @param findings    the pre-flight checks' findings after *Check setup*, or {@code null} before
 */
public record AwsSidePage(Chrome chrome, String appId, String appName, String templateTitle, AwsTarget target,
                          String trustPolicy, List<Finding> findings) {

    public long errors() {
        return findings == null ? 0 : findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count();
    }

    public long warnings() {
        return findings == null ? 0 : findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count();
    }
}
