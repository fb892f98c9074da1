package dev.gatehouse.awsemulator.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS Management Console URL given as the sign-in's RelayState ({@code https://console.aws.amazon.com/…} or
 * {@code https://REGION.console.aws.amazon.com/…}), read for the page that names where AWS would have sent the
 * browser. The emulator never redirects there: it has no console of those services, and a redirect off-site
 * from a value the IdP passes through is the open redirect the emulator refuses everywhere.
 *
 * @param url     the RelayState as given
 * @param service the console's name, e.g. {@code Amazon S3}, or the path's first segment when not in the table
 * @param region  the region the console would open in, or {@code null} for a global console page
 * @param path    the path inside the console (with its query and fragment), for the page
 */
public record ConsoleDestination(String url, String service, String region, String path) {
    private static final Pattern HOST = Pattern.compile("(?:([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2})\\.)?console\\.aws\\.amazon\\.com");
    private static final Pattern REGION_PARAM = Pattern.compile("(?:^|&)region=([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d{1,2})(?:&|$)");
    /** The console paths of the services the guide and its readers reach first; the rest are named by their path. */
    private static final Map<String, String> SERVICES = Map.ofEntries(
            Map.entry("", "Console Home"), Map.entry("console", "Console Home"), Map.entry("s3", "Amazon S3"),
            Map.entry("ec2", "Amazon EC2"), Map.entry("iam", "IAM"), Map.entry("iamv2", "IAM"),
            Map.entry("cloudtrail", "AWS CloudTrail"), Map.entry("cloudwatch", "Amazon CloudWatch"),
            Map.entry("lambda", "AWS Lambda"), Map.entry("rds", "Amazon RDS"), Map.entry("dynamodbv2", "Amazon DynamoDB"),
            Map.entry("vpc", "Amazon VPC"), Map.entry("vpcconsole", "Amazon VPC"), Map.entry("billing", "Billing and Cost Management"),
            Map.entry("costmanagement", "Billing and Cost Management"), Map.entry("cloudformation", "AWS CloudFormation"),
            Map.entry("singlesignon", "IAM Identity Center"), Map.entry("support", "AWS Support"),
            Map.entry("cloudshell", "AWS CloudShell"), Map.entry("sns", "Amazon SNS"), Map.entry("sqs", "Amazon SQS"),
            Map.entry("kms", "AWS KMS"), Map.entry("route53", "Amazon Route 53"), Map.entry("ecs", "Amazon ECS"),
            Map.entry("eks", "Amazon EKS"), Map.entry("organizations", "AWS Organizations"), Map.entry("securityhub", "AWS Security Hub"));

    /** The destination, or empty when {@code relayState} is not an https URL of the AWS console. */
    public static Optional<ConsoleDestination> parse(String relayState) {
        if (relayState == null || relayState.length() > 2048 || relayState.chars().anyMatch(c -> c < 0x21 || c == 0x7F)) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(relayState);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!"https".equals(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getHost() == null
                || (uri.getPort() != -1 && uri.getPort() != 443)) {
            return Optional.empty();
        }
        Matcher host = HOST.matcher(uri.getHost());
        if (!host.matches()) {
            return Optional.empty();
        }
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        String segment = rawPath.replaceFirst("^/", "");
        segment = segment.contains("/") ? segment.substring(0, segment.indexOf('/')) : segment;
        String service = SERVICES.getOrDefault(segment, segment);
        String region = host.group(1);
        if (region == null && uri.getRawQuery() != null) {
            Matcher m = REGION_PARAM.matcher(uri.getRawQuery());
            region = m.find() ? m.group(1) : null;
        }
        String path = (rawPath.isEmpty() ? "/" : rawPath) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
        return Optional.of(new ConsoleDestination(relayState, service, region, path));
    }
}
