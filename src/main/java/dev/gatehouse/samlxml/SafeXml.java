package dev.gatehouse.samlxml;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Parses and writes XML safely: namespace-aware, DOCTYPE refused outright (no DTD, no entities, no XXE), no
 * XInclude, no external resources, at most {@link #MAX_DEPTH} levels of elements and {@link #MAX_BYTES} bytes;
 * writes without indentation, because signed XML must not be re-spaced. Every XML document either product reads
 * comes through {@link #parse}, so these limits hold everywhere: DOM code walks trees recursively
 * ({@code getTextContent}, canonicalization), and only a bounded depth keeps that from overflowing the stack.
 * Thread-safe: builders and transformers are not, so each thread keeps its own (creating them costs more than
 * building a whole SAML response), reset before every use.
 */
public final class SafeXml {
    /** Deepest element nesting accepted; a signed SAML Response needs about ten levels, metadata fewer. */
    public static final int MAX_DEPTH = 64;
    /** The largest document accepted: AWS's cap on an uploaded metadata document, the largest XML we take. */
    public static final int MAX_BYTES = 10_000_000;
    /** The JDK parser's own element-depth limit (JAXP), enforced while parsing, before any tree exists. */
    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private static final DocumentBuilderFactory FACTORY = newFactory();
    private static final TransformerFactory TRANSFORMERS = newTransformerFactory();
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(SafeXml::newBuilder);
    private static final ThreadLocal<Transformer> WRITERS = ThreadLocal.withInitial(SafeXml::newWriter);

    private SafeXml() {
    }

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setIgnoringComments(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setAttribute(MAX_ELEMENT_DEPTH, MAX_DEPTH);
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("XML parser cannot be made safe", e);
        }
        return f;
    }

    private static TransformerFactory newTransformerFactory() {
        TransformerFactory f = TransformerFactory.newInstance();
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return f;
    }

    private static DocumentBuilder newBuilder() {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Transformer newWriter() {
        try {
            Transformer t = TRANSFORMERS.newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "no");
            return t;
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Parses {@code xml}; throws {@link InvalidXmlException} for anything malformed, carrying a DOCTYPE, nested
     * deeper than {@link #MAX_DEPTH} or longer than {@link #MAX_BYTES}.
     */
    public static Document parse(byte[] xml) {
        return parse(xml, MAX_BYTES);
    }

    /** As {@link #parse(byte[])}, with a smaller size limit for a message that has one. */
    public static Document parse(byte[] xml, int maxBytes) {
        if (xml.length > Math.min(maxBytes, MAX_BYTES)) {
            throw new InvalidXmlException("the XML document is longer than " + Math.min(maxBytes, MAX_BYTES) + " bytes");
        }
        DocumentBuilder builder = BUILDERS.get();
        builder.reset();
        builder.setErrorHandler(SILENT);
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entities are not allowed");
        });
        try {
            return builder.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
            if (String.valueOf(e.getMessage()).contains("maxElementDepth")) {
                throw new InvalidXmlException("the XML is nested too deeply (more than " + MAX_DEPTH + " levels of elements)", e);
            }
            throw new InvalidXmlException("not well-formed or not allowed XML: " + e.getMessage(), e);
        }
    }

    /** A new empty namespace-aware document to build into. */
    public static Document newDocument() {
        DocumentBuilder builder = BUILDERS.get();
        builder.reset();
        return builder.newDocument();
    }

    /**
     * Writes a document built by our own code (see {@link DomWriter}): exactly as the DOM stands, UTF-8 declaration,
     * no indentation, no namespace fix-up.
     */
    public static String writeBuilt(Document doc) {
        return DomWriter.write(doc);
    }

    /** Serializes exactly as the DOM stands: UTF-8, with declaration, no indentation. */
    public static String write(Document doc) {
        Transformer t = WRITERS.get();
        t.reset();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        t.setOutputProperty(OutputKeys.INDENT, "no");
        try {
            doc.setXmlStandalone(true);
            StringWriter out = new StringWriter(4096);
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize XML", e);
        }
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
