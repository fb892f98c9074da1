package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.samlxml.VerifiedAssertion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The condition keys an AssumeRoleWithSAML request carries into trust-policy evaluation (IAM User Guide,
 * "Available keys for SAML-based federation"): {@code saml:aud} from the Recipient, {@code saml:iss},
 * {@code saml:sub}, {@code saml:sub_type}, {@code saml:namequalifier}, {@code saml:doc}, the eduPerson/X.500/AD
 * attributes AWS maps by name, {@code sts:SourceIdentity} and the session tags.
 */
final class SamlConditionKeys {
    /** Assertion attribute names AWS maps to {@code saml:} keys (verbatim from the mapping tables, typos kept). */
    private static final Map<String, String> ATTRIBUTE_KEYS = Map.ofEntries(
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.1", "edupersonaffiliation"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.2", "edupersonnickname"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.3", "edupersonorgdn"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.4", "edupersonorgunitdn"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.5", "edupersonprimaryaffiliation"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.6", "edupersonprincipalname"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.7", "edupersonentitlement"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.8", "edupersonprimaryorgunitdn"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.9", "edupersonscopedaffiliation"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.10", "edupersontargetedid"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.1.1.11", "edupersonassurance"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.2.1.2", "eduorghomepageuri"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.2.1.3", "eduorgidentityauthnpolicyuri"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.2.1.4", "eduorglegalname"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.2.1.5", "eduorgsuperioruri"),
            Map.entry("urn:oid:1.3.6.1.4.1.5923.1.2.1.6", "eduorgwhitepagesuri"),
            Map.entry("urn:oid:2.5.4.3", "cn"),
            Map.entry("urn:oid:2.5.4.4", "surname"),
            Map.entry("urn:oid:2.4.5.42", "givenName"),
            Map.entry("urn:oid:2.5.4.45", "x500UniqueIdentifier"),
            Map.entry("urn:oid:0.9.2342.19200300100.1.1", "uid"),
            Map.entry("urn:oid:0.9.2342.19200300100.1.3", "mail"),
            Map.entry("urn:oid:0.9.2342.19200300.100.1.45", "organizationStatus"),
            Map.entry("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "name"),
            Map.entry("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "givenName"),
            Map.entry("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "surname"),
            Map.entry("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "mail"),
            Map.entry("http://schemas.xmlsoap.org/claims/CommonName", "commonName"),
            Map.entry("http://schemas.microsoft.com/ws/2008/06/identity/claims/primarygroupsid", "uid"));

    private SamlConditionKeys() {
    }

    static Map<String, List<String>> of(VerifiedAssertion assertion, String audience, String subjectType,
                                        String nameQualifier, String accountId, String providerName,
                                        String sourceIdentity, Map<String, String> tags) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("saml:aud", List.of(audience));
        keys.put("saml:iss", List.of(assertion.issuer()));
        if (assertion.nameId() != null) {
            keys.put("saml:sub", List.of(assertion.nameId()));
        }
        if (subjectType != null) {
            keys.put("saml:sub_type", List.of(subjectType));
        }
        keys.put("saml:namequalifier", List.of(nameQualifier));
        keys.put("saml:doc", List.of(accountId + "/" + providerName));
        assertion.attributes().forEach((name, values) -> {
            String key = ATTRIBUTE_KEYS.get(name);
            if (key != null && !values.isEmpty()) {
                // "Include only one claim per AWS context key": the first one mapped wins.
                keys.putIfAbsent("saml:" + key, values);
            }
        });
        if (sourceIdentity != null) {
            keys.put("sts:SourceIdentity", List.of(sourceIdentity));
        }
        if (!tags.isEmpty()) {
            tags.forEach((k, v) -> keys.put("aws:RequestTag/" + k, List.of(v)));
            keys.put("aws:TagKeys", new ArrayList<>(tags.keySet()));
        }
        return keys;
    }
}
