package dev.gatehouse.awsemulator.sts;

import dev.gatehouse.samlxml.InvalidXmlException;
import dev.gatehouse.samlxml.SafeXml;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Fuzzing mutations of an XML document, driven only by the given {@link Random} so a seed replays a run: byte
 * flips and truncations of the raw bytes, and element moves, duplications, deletions, attribute and text edits on
 * its DOM. One to three mutations per call.
 */
final class XmlMutator {
    private XmlMutator() {
    }

    static byte[] mutate(byte[] xml, Random random) {
        byte[] current = xml;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            current = once(current, random);
        }
        return current;
    }

    private static byte[] once(byte[] xml, Random random) {
        int kind = random.nextInt(8);
        if (kind == 0) {
            byte[] flipped = xml.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            return flipped;
        }
        if (kind == 1) {
            return Arrays.copyOf(xml, random.nextInt(xml.length));
        }
        Document doc;
        try {
            doc = SafeXml.parse(xml);
        } catch (InvalidXmlException e) {
            return xml;
        }
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        Element target = (Element) all.item(random.nextInt(all.getLength()));
        Element other = (Element) all.item(random.nextInt(all.getLength()));
        boolean isRoot = target == doc.getDocumentElement();
        switch (kind) {
            case 2 -> { // move
                if (!isRoot && !target.isSameNode(other) && !isAncestor(target, other)) {
                    target.getParentNode().removeChild(target);
                    other.insertBefore(target, pick(other, random));
                }
            }
            case 3 -> { // duplicate, beside itself or elsewhere
                Node copy = target.cloneNode(true);
                if (!isRoot && random.nextBoolean()) {
                    target.getParentNode().insertBefore(copy, target);
                } else {
                    other.insertBefore(copy, pick(other, random));
                }
            }
            case 4 -> { // delete
                if (!isRoot) {
                    target.getParentNode().removeChild(target);
                }
            }
            case 5 -> editAttribute(target, other, random);
            case 6 -> editText(doc, target, random);
            default -> target.setAttributeNS(null, "ID", other.getAttributeNS(null, "ID").isEmpty() ? "_x" : other.getAttributeNS(null, "ID"));
        }
        return SafeXml.write(doc).getBytes(StandardCharsets.UTF_8);
    }

    private static void editAttribute(Element target, Element other, Random random) {
        if (target.getAttributes().getLength() == 0) {
            target.setAttributeNS(null, "InResponseTo", "_fuzz");
            return;
        }
        Attr attr = (Attr) target.getAttributes().item(random.nextInt(target.getAttributes().getLength()));
        if (attr.getName().startsWith("xmlns")) {
            return;
        }
        String value = attr.getValue();
        switch (random.nextInt(4)) {
            case 0 -> attr.getOwnerElement().removeAttributeNode(attr);
            case 1 -> attr.setValue("");
            case 2 -> attr.setValue(value.isEmpty() ? "x" : value.substring(0, random.nextInt(value.length())));
            default -> attr.setValue(other.getAttributes().getLength() > 0
                    ? other.getAttributes().item(random.nextInt(other.getAttributes().getLength())).getNodeValue() : value + "x");
        }
    }

    private static void editText(Document doc, Element target, Random random) {
        Node first = target.getFirstChild();
        switch (random.nextInt(4)) {
            case 0 -> target.insertBefore(doc.createComment("fuzz"), first);
            case 1 -> target.appendChild(doc.createTextNode(random.nextBoolean() ? " " : "\u00A0x"));
            case 2 -> target.insertBefore(doc.createProcessingInstruction("fuzz", "x"), first);
            default -> {
                if (first != null && first.getNodeType() == Node.TEXT_NODE && !first.getNodeValue().isEmpty()) {
                    String v = first.getNodeValue();
                    first.setNodeValue(v.substring(0, random.nextInt(v.length())));
                } else {
                    target.appendChild(doc.createCDATASection("fuzz"));
                }
            }
        }
    }

    /** A random child of {@code parent} to insert before, or {@code null} for the end. */
    private static Node pick(Element parent, Random random) {
        NodeList children = parent.getChildNodes();
        return children.getLength() == 0 ? null : children.item(random.nextInt(children.getLength() + 1));
    }

    private static boolean isAncestor(Node ancestor, Node node) {
        for (Node n = node; n != null; n = n.getParentNode()) {
            if (n.isSameNode(ancestor)) {
                return true;
            }
        }
        return false;
    }
}
