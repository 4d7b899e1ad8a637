package io.stackgate.compute;

import java.io.StringReader;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * What Stackgate writes into a domain's {@code <metadata>} under its own namespace, so that a domain found on a
 * host can be traced back to its request (reconciliation reads it).
 */
public record DomainMetadata(String tenant, String project, String request, String owner) {

    static final String NAMESPACE = "https://stackgate.io/xmlns/domain/1";
    static final String ELEMENT = "instance";

    /** The element to put inside the domain's {@code <metadata>}. */
    public String toXml() {
        return "<sg:" + ELEMENT + " xmlns:sg=\"" + NAMESPACE + "\">"
                + "<sg:tenant>" + escape(tenant) + "</sg:tenant>"
                + "<sg:project>" + escape(project) + "</sg:project>"
                + "<sg:request>" + escape(request) + "</sg:request>"
                + "<sg:owner>" + escape(owner) + "</sg:owner>"
                + "</sg:" + ELEMENT + ">";
    }

    /** Our metadata in a whole domain XML, if the domain carries it. */
    public static Optional<DomainMetadata> in(String domainXml) {
        Document document = parse(domainXml);
        NodeList found = document.getElementsByTagNameNS(NAMESPACE, ELEMENT);
        if (found.getLength() == 0) {
            return Optional.empty();
        }
        Element instance = (Element) found.item(0);
        return Optional.of(new DomainMetadata(text(instance, "tenant"), text(instance, "project"),
                text(instance, "request"), text(instance, "owner")));
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(NAMESPACE, name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | org.xml.sax.SAXException | java.io.IOException e) {
            throw new IllegalArgumentException("not a domain XML: " + e.getMessage(), e);
        }
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
