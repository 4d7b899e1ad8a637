package io.stackgate.compute.libvirt;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** The vCPUs and memory a domain XML gives the guest, to compare with what its record asked for. */
public record DomainSize(int vcpus, long memoryMiB) {

    /** libvirt's memory units in bytes (its scaled-integer convention: k and KiB are 1024, KB is 1000). */
    private static final Map<String, BigInteger> UNITS = Map.ofEntries(
            Map.entry("b", BigInteger.ONE), Map.entry("bytes", BigInteger.ONE),
            Map.entry("KB", BigInteger.TEN.pow(3)), Map.entry("k", BigInteger.TWO.pow(10)), Map.entry("KiB", BigInteger.TWO.pow(10)),
            Map.entry("MB", BigInteger.TEN.pow(6)), Map.entry("M", BigInteger.TWO.pow(20)), Map.entry("MiB", BigInteger.TWO.pow(20)),
            Map.entry("GB", BigInteger.TEN.pow(9)), Map.entry("G", BigInteger.TWO.pow(30)), Map.entry("GiB", BigInteger.TWO.pow(30)),
            Map.entry("TB", BigInteger.TEN.pow(12)), Map.entry("T", BigInteger.TWO.pow(40)), Map.entry("TiB", BigInteger.TWO.pow(40)));
    private static final BigInteger MIB = BigInteger.TWO.pow(20);

    /**
     * The size in a domain XML: {@code <vcpu>} (the maximum, as the record asks for it) and {@code <memory>} (KiB
     * when no unit is given); empty when either is missing or unreadable.
     */
    public static Optional<DomainSize> in(String domainXml) {
        Element domain = parse(domainXml);
        Optional<Element> vcpu = child(domain, "vcpu");
        Optional<Element> memory = child(domain, "memory");
        if (vcpu.isEmpty() || memory.isEmpty()) {
            return Optional.empty();
        }
        String unit = memory.get().getAttribute("unit");
        BigInteger perUnit = UNITS.get(unit.isEmpty() ? "KiB" : unit);
        if (perUnit == null) {
            return Optional.empty();
        }
        try {
            int vcpus = Integer.parseInt(vcpu.get().getTextContent().trim());
            BigInteger bytes = new BigInteger(memory.get().getTextContent().trim()).multiply(perUnit);
            return Optional.of(new DomainSize(vcpus, bytes.divide(MIB).longValueExact()));
        } catch (NumberFormatException | ArithmeticException unreadable) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return vcpus + " vCPUs and " + memoryMiB + " MiB";
    }

    /** A direct child: {@code <vcpu>} and {@code <memory>} also name elements deeper down (NUMA cells, devices). */
    private static Optional<Element> child(Element parent, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element && element.getLocalName().equals(name)) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    private static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not a domain XML: " + e.getMessage(), e);
        }
    }
}
