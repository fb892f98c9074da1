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
 * XInclude, no external resources; writes without indentation, because signed XML must not be re-spaced.
 * Thread-safe: builders and transformers are not, so each thread keeps its own (creating them costs more than
 * building a whole SAML response), reset before every use.
 */
public final class SafeXml {
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
        } catch (ParserConfigurationException e) {
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

    /** Parses {@code xml}; throws {@link InvalidXmlException} for anything malformed or carrying a DOCTYPE. */
    public static Document parse(byte[] xml) {
        DocumentBuilder builder = BUILDERS.get();
        builder.reset();
        builder.setErrorHandler(SILENT);
        builder.setEntityResolver((publicId, systemId) -> {
            throw new SAXException("external entities are not allowed");
        });
        try {
            return builder.parse(new InputSource(new ByteArrayInputStream(xml)));
        } catch (SAXException | IOException e) {
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
