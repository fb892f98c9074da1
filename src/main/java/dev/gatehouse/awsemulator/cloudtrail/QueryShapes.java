package dev.gatehouse.awsemulator.cloudtrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.samlxml.SafeXml;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A Query call's parameters and result as CloudTrail writes them: member names in lower camel case
 * ({@code RoleName} → {@code roleName}, {@code SAMLProviderArn} → {@code sAMLProviderArn}, as AWS's records spell
 * them), {@code X.member.N} lists as arrays, timestamps in the records' {@code MMM d, yyyy, h:mm:ss a} form.
 */
final class QueryShapes {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter RECORD_DATE = DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US)
            .withZone(ZoneOffset.UTC);
    /** Parameters a record never carries: the protocol's own, and the assertion (AWS logs only its ID). */
    private static final Set<String> DROPPED = Set.of("Action", "Version", "SAMLAssertion");
    /**
     * Parameters the model marks {@code sensitive}: recorded as AWS records them, with the value replaced by
     * {@code HIDDEN_DUE_TO_SECURITY_REASONS} (a SAML provider's private key must never reach the trail).
     */
    private static final Set<String> SENSITIVE = Set.of("AddPrivateKey");
    static final String HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";
    /** Beyond this a parameter value is cut (CloudTrail limits a record's size; a metadata document can be 10 MB). */
    static final int MAX_VALUE_CHARS = 10_240;

    private QueryShapes() {
    }

    static String camel(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** {@code null} when nothing is left after the protocol's parameters are dropped (AWS writes {@code null}). */
    static ObjectNode requestParameters(Map<String, List<String>> params) {
        ObjectNode out = JSON.objectNode();
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (DROPPED.contains(p.getKey()) || p.getValue().isEmpty()) {
                continue;
            }
            put(out, p.getKey().split("\\."), 0, SENSITIVE.contains(p.getKey()) ? HIDDEN : cut(p.getValue().get(0)));
        }
        return out.isEmpty() ? null : out;
    }

    /** Places {@code value} at {@code path}; {@code member.N} segments become array positions. */
    private static void put(ObjectNode into, String[] path, int i, String value) {
        String key = camel(path[i]);
        if (i == path.length - 1) {
            into.put(key, value);
            return;
        }
        if (path[i + 1].equals("member") && i + 2 < path.length) {
            ArrayNode list = into.has(key) && into.get(key).isArray() ? (ArrayNode) into.get(key) : into.putArray(key);
            int index;
            try {
                index = Integer.parseInt(path[i + 2]) - 1;
            } catch (NumberFormatException e) {
                return;
            }
            if (index < 0 || index > 1000) {
                return;
            }
            while (list.size() <= index) {
                list.addNull();
            }
            if (i + 3 == path.length) {
                list.set(index, JSON.textNode(value));
            } else {
                ObjectNode item = list.get(index).isObject() ? (ObjectNode) list.get(index) : JSON.objectNode();
                list.set(index, item);
                put(item, path, i + 3, value);
            }
            return;
        }
        ObjectNode child = into.has(key) && into.get(key).isObject() ? (ObjectNode) into.get(key) : into.putObject(key);
        put(child, path, i + 1, value);
    }

    /** The inner XML of a Query result as JSON; {@code null} for an empty result. */
    static ObjectNode resultElements(String resultXml) {
        if (resultXml == null || resultXml.isBlank()) {
            return null;
        }
        Element root = SafeXml.parse(("<r>" + resultXml + "</r>").getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        JsonNode node = toJson(root);
        return node.isObject() ? (ObjectNode) node : null;
    }

    private static JsonNode toJson(Element e) {
        List<Element> children = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                children.add(c);
            }
        }
        if (children.isEmpty()) {
            return JSON.textNode(date(e.getTextContent()));
        }
        if (children.stream().allMatch(c -> c.getLocalName() == null ? c.getTagName().equals("member") : c.getLocalName().equals("member"))) {
            ArrayNode list = JSON.arrayNode();
            children.forEach(c -> list.add(toJson(c)));
            return list;
        }
        ObjectNode obj = JSON.objectNode();
        children.forEach(c -> obj.set(camel(c.getTagName()), toJson(c)));
        return obj;
    }

    /** ISO timestamps as CloudTrail records write them; anything else unchanged. */
    static String date(String text) {
        if (text.length() >= 20 && text.length() <= 30 && text.charAt(4) == '-' && text.charAt(10) == 'T') {
            try {
                return RECORD_DATE.format(Instant.parse(text));
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        return text;
    }

    static String date(Instant time) {
        return RECORD_DATE.format(time);
    }

    static String cut(String value) {
        return value.length() <= MAX_VALUE_CHARS ? value : value.substring(0, MAX_VALUE_CHARS);
    }
}
