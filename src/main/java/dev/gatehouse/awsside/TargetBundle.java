package dev.gatehouse.awsside;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/**
 * What a target account needs, as code the administrator runs there: a CloudFormation template, Terraform, or a
 * bash script of AWS CLI calls that is safe to run twice. Each creates the SAML provider from this instance's
 * metadata and the account's roles with their trust policies, and attaches managed policies given as a parameter (default
 * {@value #DEFAULT_POLICY}). Pure text generation; the formats' own tools validate it in the tests.
 */
public final class TargetBundle {
    public static final String DEFAULT_POLICY = "arn:aws:iam::aws:policy/ReadOnlyAccess";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The downloadable formats: file name suffix and media type. */
    public enum Format {
        CLOUDFORMATION("cloudformation.yaml", "application/yaml"),
        TERRAFORM("main.tf", "text/plain"),
        SCRIPT("setup.sh", "text/x-shellscript");

        public final String fileSuffix;
        public final String mediaType;

        Format(String fileSuffix, String mediaType) {
            this.fileSuffix = fileSuffix;
            this.mediaType = mediaType;
        }

        /** {@code cloudformation}, {@code terraform} or {@code script}; {@code null} for anything else. */
        public static Format named(String name) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(name)) {
                    return f;
                }
            }
            return null;
        }
    }

    private TargetBundle() {
    }

    /**
     * @param roles the roles of one account, all under one SAML provider (a guide instance has one; a catalog account
     *              has several)
     */
    public static String render(Format format, String appName, List<AwsTarget> roles, String metadataXml) {
        if (roles.isEmpty() || roles.stream().anyMatch(r -> !r.providerArn().equals(roles.get(0).providerArn()))) {
            throw new IllegalArgumentException("a bundle sets up one account's provider and at least one of its roles");
        }
        return switch (format) {
            case CLOUDFORMATION -> cloudFormation(appName, roles, metadataXml);
            case TERRAFORM -> terraform(appName, roles, metadataXml);
            case SCRIPT -> script(appName, roles, metadataXml);
        };
    }

    /** The n-th role's name in generated code: the first plain, the rest numbered, so one-role bundles read simply. */
    private static String nth(String base, String separator, int i) {
        return i == 0 ? base : base + separator + (i + 1);
    }

    static String cloudFormation(String appName, List<AwsTarget> roles, String metadataXml) {
        AwsTarget first = roles.get(0);
        StringBuilder out = new StringBuilder("AWSTemplateFormatVersion: \"2010-09-09\"\n"
                + "Description: " + json("Gatehouse single sign-on for " + appName + ": SAML provider " + first.providerName()
                + " and " + (roles.size() == 1 ? "role " + first.roleName() : roles.size() + " roles")) + "\n"
                + "Parameters:\n"
                + "  ManagedPolicyArns:\n"
                + "    Type: CommaDelimitedList\n"
                + "    Default: " + json(DEFAULT_POLICY) + "\n"
                + "    Description: Managed policies to attach to the roles, comma-separated.\n"
                + "Resources:\n"
                + "  GatehouseSamlProvider:\n"
                + "    Type: AWS::IAM::SAMLProvider\n"
                + "    Properties:\n"
                + "      Name: " + json(first.providerName()) + "\n"
                + "      SamlMetadataDocument: |\n" + indent(metadataXml, "        ") + "\n");
        for (int i = 0; i < roles.size(); i++) {
            AwsTarget t = roles.get(i);
            out.append("  ").append(nth("GatehouseRole", "", i)).append(":\n"
                    + "    Type: AWS::IAM::Role\n"
                    + "    Properties:\n"
                    + "      RoleName: " + json(t.roleName()) + "\n"
                    + "      Path: " + json(t.rolePath()) + "\n"
                    + "      MaxSessionDuration: " + t.maxSessionDurationSeconds() + "\n"
                    + "      AssumeRolePolicyDocument: " + json(TrustPolicy.document(t, Map.of("Ref", "GatehouseSamlProvider"))) + "\n"
                    + "      ManagedPolicyArns: !Ref ManagedPolicyArns\n");
        }
        out.append("Outputs:\n  SamlProviderArn:\n    Value: !Ref GatehouseSamlProvider\n");
        for (int i = 0; i < roles.size(); i++) {
            out.append("  ").append(nth("RoleArn", "", i)).append(":\n    Value: !GetAtt ").append(nth("GatehouseRole", "", i)).append(".Arn\n");
        }
        return out.toString();
    }

    static String terraform(String appName, List<AwsTarget> roles, String metadataXml) {
        AwsTarget first = roles.get(0);
        StringBuilder out = new StringBuilder("# Gatehouse single sign-on for " + appName.replaceAll("[\\r\\n]", " ") + "\n"
                + "variable \"managed_policy_arns\" {\n"
                + "  description = \"Managed policies to attach to the roles\"\n"
                + "  type        = list(string)\n"
                + "  default     = [" + json(DEFAULT_POLICY) + "]\n"
                + "}\n\n"
                + "resource \"aws_iam_saml_provider\" \"gatehouse\" {\n"
                + "  name                   = " + json(first.providerName()) + "\n"
                + "  saml_metadata_document = <<-GATEHOUSE_METADATA\n" + indent(hclTemplateSafe(metadataXml), "    ") + "\n"
                + "  GATEHOUSE_METADATA\n"
                + "}\n");
        for (int i = 0; i < roles.size(); i++) {
            AwsTarget t = roles.get(i);
            String name = nth("gatehouse", "_", i);
            out.append("\nresource \"aws_iam_role\" \"").append(name).append("\" {\n"
                    + "  name                 = " + json(t.roleName()) + "\n"
                    + "  path                 = " + json(t.rolePath()) + "\n"
                    + "  max_session_duration = " + t.maxSessionDurationSeconds() + "\n"
                    + "  assume_role_policy   = jsonencode(" + hcl(TrustPolicy.document(t, "${aws_iam_saml_provider.gatehouse.arn}")) + ")\n"
                    + "}\n\n"
                    + "resource \"aws_iam_role_policy_attachment\" \"" + name + "\" {\n"
                    + "  for_each   = toset(var.managed_policy_arns)\n"
                    + "  role       = aws_iam_role." + name + ".name\n"
                    + "  policy_arn = each.value\n"
                    + "}\n");
        }
        return out.toString();
    }

    static String script(String appName, List<AwsTarget> roles, String metadataXml) {
        AwsTarget first = roles.get(0);
        StringBuilder out = new StringBuilder("#!/usr/bin/env bash\n"
                + "# Gatehouse single sign-on for " + appName.replaceAll("[\\r\\n]", " ") + ": sets up account " + first.accountId()
                + " with the AWS CLI v2.\n"
                + "# Safe to run twice: what exists is updated. Environment: AWS_ARGS (extra CLI arguments, e.g.\n"
                + "# \"--profile admin\" or \"--endpoint-url URL\"), MANAGED_POLICY_ARNS (space-separated; default "
                + DEFAULT_POLICY + ").\n"
                + "set -euo pipefail\n"
                + "read -r -a args <<< \"${AWS_ARGS:-}\"\n"
                + "aws_() { aws \"${args[@]}\" \"$@\"; }\n"
                + "account=" + shell(first.accountId()) + "\n"
                + "provider_name=" + shell(first.providerName()) + "\n"
                + "provider_arn=" + shell(first.providerArn()) + "\n"
                + "policies=${MANAGED_POLICY_ARNS-" + DEFAULT_POLICY + "}\n"
                + "work=$(mktemp -d)\n"
                + "trap 'rm -rf \"$work\"' EXIT\n\n"
                + "caller=$(aws_ sts get-caller-identity --query Account --output text)\n"
                + "if [ \"$caller\" != \"$account\" ]; then\n"
                + "  echo \"These credentials are for account $caller, not $account: nothing was changed.\" >&2\n"
                + "  exit 1\n"
                + "fi\n\n"
                + "cat > \"$work/metadata.xml\" <<'GATEHOUSE_METADATA'\n" + metadataXml.strip() + "\nGATEHOUSE_METADATA\n\n"
                + "if aws_ iam get-saml-provider --saml-provider-arn \"$provider_arn\" >/dev/null 2>&1; then\n"
                + "  aws_ iam update-saml-provider --saml-provider-arn \"$provider_arn\" --saml-metadata-document \"file://$work/metadata.xml\" >/dev/null\n"
                + "  echo \"Updated SAML provider $provider_arn\"\n"
                + "else\n"
                + "  aws_ iam create-saml-provider --name \"$provider_name\" --saml-metadata-document \"file://$work/metadata.xml\" >/dev/null\n"
                + "  echo \"Created SAML provider $provider_arn\"\n"
                + "fi\n\n"
                + "# setup_role NAME PATH MAX_SESSION_SECONDS TRUST_FILE\n"
                + "setup_role() {\n"
                + "  if aws_ iam get-role --role-name \"$1\" >/dev/null 2>&1; then\n"
                + "    aws_ iam update-assume-role-policy --role-name \"$1\" --policy-document \"file://$4\"\n"
                + "    aws_ iam update-role --role-name \"$1\" --max-session-duration \"$3\"\n"
                + "    echo \"Updated role $1\"\n"
                + "  else\n"
                + "    aws_ iam create-role --role-name \"$1\" --path \"$2\" --max-session-duration \"$3\" --assume-role-policy-document \"file://$4\" >/dev/null\n"
                + "    echo \"Created role $1\"\n"
                + "  fi\n"
                + "  for policy in $policies; do\n"
                + "    aws_ iam attach-role-policy --role-name \"$1\" --policy-arn \"$policy\"\n"
                + "    echo \"Attached $policy to $1\"\n"
                + "  done\n"
                + "}\n");
        for (int i = 0; i < roles.size(); i++) {
            AwsTarget t = roles.get(i);
            out.append("\ncat > \"$work/trust-").append(i + 1).append(".json\" <<'GATEHOUSE_TRUST'\n")
                    .append(json(TrustPolicy.document(t, t.providerArn()))).append("\nGATEHOUSE_TRUST\n")
                    .append("setup_role ").append(shell(t.roleName())).append(' ').append(shell(t.rolePath())).append(' ')
                    .append(t.maxSessionDurationSeconds()).append(" \"$work/trust-").append(i + 1).append(".json\"\n");
        }
        return out.toString();
    }

    /** A JSON string or document: also valid YAML (flow style) and an HCL string literal. */
    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The policy as an HCL object expression for {@code jsonencode}, keys quoted so any key is valid. */
    private static String hcl(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{ ");
            map.forEach((k, v) -> out.append(json(String.valueOf(k))).append(" = ").append(hcl(v)).append(", "));
            return out.append("}").toString();
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(TargetBundle::hcl).toList()) + "]";
        }
        return json(value); // a "${...}" reference stays an interpolation inside the quoted string
    }

    /** Heredocs interpolate {@code ${} and {@code %{}: escape them in text that is only text. */
    private static String hclTemplateSafe(String text) {
        return text.replace("${", "$${").replace("%{", "%%{");
    }

    private static String indent(String text, String by) {
        return by + text.strip().replace("\r\n", "\n").replace("\n", "\n" + by);
    }

    /** A single-quoted shell word. */
    private static String shell(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
