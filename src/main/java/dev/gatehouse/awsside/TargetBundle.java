package dev.gatehouse.awsside;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/**
 * What a target account needs, as code the administrator runs there: a CloudFormation template, Terraform, or a
 * bash script of AWS CLI calls that is safe to run twice. Each creates the SAML provider from this instance's
 * metadata and the role with its trust policy, and attaches managed policies given as a parameter (default
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

    public static String render(Format format, String appName, AwsTarget target, String metadataXml) {
        return switch (format) {
            case CLOUDFORMATION -> cloudFormation(appName, target, metadataXml);
            case TERRAFORM -> terraform(appName, target, metadataXml);
            case SCRIPT -> script(appName, target, metadataXml);
        };
    }

    static String cloudFormation(String appName, AwsTarget t, String metadataXml) {
        String trust = json(TrustPolicy.document(t, Map.of("Ref", "GatehouseSamlProvider")));
        return "AWSTemplateFormatVersion: \"2010-09-09\"\n"
                + "Description: " + json("Gatehouse single sign-on for " + appName + ": SAML provider " + t.providerName()
                + " and role " + t.roleName()) + "\n"
                + "Parameters:\n"
                + "  ManagedPolicyArns:\n"
                + "    Type: CommaDelimitedList\n"
                + "    Default: " + json(DEFAULT_POLICY) + "\n"
                + "    Description: Managed policies to attach to the role, comma-separated.\n"
                + "Resources:\n"
                + "  GatehouseSamlProvider:\n"
                + "    Type: AWS::IAM::SAMLProvider\n"
                + "    Properties:\n"
                + "      Name: " + json(t.providerName()) + "\n"
                + "      SamlMetadataDocument: |\n" + indent(metadataXml, "        ") + "\n"
                + "  GatehouseRole:\n"
                + "    Type: AWS::IAM::Role\n"
                + "    Properties:\n"
                + "      RoleName: " + json(t.roleName()) + "\n"
                + "      Path: " + json(t.rolePath()) + "\n"
                + "      MaxSessionDuration: " + t.maxSessionDurationSeconds() + "\n"
                + "      AssumeRolePolicyDocument: " + trust + "\n"
                + "      ManagedPolicyArns: !Ref ManagedPolicyArns\n"
                + "Outputs:\n"
                + "  SamlProviderArn:\n"
                + "    Value: !Ref GatehouseSamlProvider\n"
                + "  RoleArn:\n"
                + "    Value: !GetAtt GatehouseRole.Arn\n";
    }

    static String terraform(String appName, AwsTarget t, String metadataXml) {
        String trust = hcl(TrustPolicy.document(t, "${aws_iam_saml_provider.gatehouse.arn}"));
        return "# Gatehouse single sign-on for " + appName.replaceAll("[\\r\\n]", " ") + "\n"
                + "variable \"managed_policy_arns\" {\n"
                + "  description = \"Managed policies to attach to the role\"\n"
                + "  type        = list(string)\n"
                + "  default     = [" + json(DEFAULT_POLICY) + "]\n"
                + "}\n\n"
                + "resource \"aws_iam_saml_provider\" \"gatehouse\" {\n"
                + "  name                   = " + json(t.providerName()) + "\n"
                + "  saml_metadata_document = <<-GATEHOUSE_METADATA\n" + indent(hclTemplateSafe(metadataXml), "    ") + "\n"
                + "  GATEHOUSE_METADATA\n"
                + "}\n\n"
                + "resource \"aws_iam_role\" \"gatehouse\" {\n"
                + "  name                 = " + json(t.roleName()) + "\n"
                + "  path                 = " + json(t.rolePath()) + "\n"
                + "  max_session_duration = " + t.maxSessionDurationSeconds() + "\n"
                + "  assume_role_policy   = jsonencode(" + trust + ")\n"
                + "}\n\n"
                + "resource \"aws_iam_role_policy_attachment\" \"gatehouse\" {\n"
                + "  for_each   = toset(var.managed_policy_arns)\n"
                + "  role       = aws_iam_role.gatehouse.name\n"
                + "  policy_arn = each.value\n"
                + "}\n";
    }

    static String script(String appName, AwsTarget t, String metadataXml) {
        String trust = json(TrustPolicy.document(t, t.providerArn()));
        return "#!/usr/bin/env bash\n"
                + "# Gatehouse single sign-on for " + appName.replaceAll("[\\r\\n]", " ") + ": sets up account " + t.accountId()
                + " with the AWS CLI v2.\n"
                + "# Safe to run twice: what exists is updated. Environment: AWS_ARGS (extra CLI arguments, e.g.\n"
                + "# \"--profile admin\" or \"--endpoint-url URL\"), MANAGED_POLICY_ARNS (space-separated; default "
                + DEFAULT_POLICY + ").\n"
                + "set -euo pipefail\n"
                + "read -r -a args <<< \"${AWS_ARGS:-}\"\n"
                + "aws_() { aws \"${args[@]}\" \"$@\"; }\n"
                + "account=" + shell(t.accountId()) + "\n"
                + "provider_name=" + shell(t.providerName()) + "\n"
                + "provider_arn=" + shell(t.providerArn()) + "\n"
                + "role_name=" + shell(t.roleName()) + "\n"
                + "role_path=" + shell(t.rolePath()) + "\n"
                + "policies=${MANAGED_POLICY_ARNS-" + DEFAULT_POLICY + "}\n"
                + "work=$(mktemp -d)\n"
                + "trap 'rm -rf \"$work\"' EXIT\n\n"
                + "caller=$(aws_ sts get-caller-identity --query Account --output text)\n"
                + "if [ \"$caller\" != \"$account\" ]; then\n"
                + "  echo \"These credentials are for account $caller, not $account: nothing was changed.\" >&2\n"
                + "  exit 1\n"
                + "fi\n\n"
                + "cat > \"$work/metadata.xml\" <<'GATEHOUSE_METADATA'\n" + metadataXml.strip() + "\nGATEHOUSE_METADATA\n"
                + "cat > \"$work/trust.json\" <<'GATEHOUSE_TRUST'\n" + trust + "\nGATEHOUSE_TRUST\n\n"
                + "if aws_ iam get-saml-provider --saml-provider-arn \"$provider_arn\" >/dev/null 2>&1; then\n"
                + "  aws_ iam update-saml-provider --saml-provider-arn \"$provider_arn\" --saml-metadata-document \"file://$work/metadata.xml\" >/dev/null\n"
                + "  echo \"Updated SAML provider $provider_arn\"\n"
                + "else\n"
                + "  aws_ iam create-saml-provider --name \"$provider_name\" --saml-metadata-document \"file://$work/metadata.xml\" >/dev/null\n"
                + "  echo \"Created SAML provider $provider_arn\"\n"
                + "fi\n\n"
                + "if aws_ iam get-role --role-name \"$role_name\" >/dev/null 2>&1; then\n"
                + "  aws_ iam update-assume-role-policy --role-name \"$role_name\" --policy-document \"file://$work/trust.json\"\n"
                + "  aws_ iam update-role --role-name \"$role_name\" --max-session-duration " + t.maxSessionDurationSeconds() + "\n"
                + "  echo \"Updated role $role_name\"\n"
                + "else\n"
                + "  aws_ iam create-role --role-name \"$role_name\" --path \"$role_path\" --max-session-duration "
                + t.maxSessionDurationSeconds() + " --assume-role-policy-document \"file://$work/trust.json\" >/dev/null\n"
                + "  echo \"Created role $role_name\"\n"
                + "fi\n\n"
                + "for policy in $policies; do\n"
                + "  aws_ iam attach-role-policy --role-name \"$role_name\" --policy-arn \"$policy\"\n"
                + "  echo \"Attached $policy\"\n"
                + "done\n";
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
