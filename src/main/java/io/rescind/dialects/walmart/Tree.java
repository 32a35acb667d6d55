package io.rescind.dialects.walmart;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Walmart documents are the same tree in XML and in JSON: an element with children is an object,
 * a repeated element is an array ({@code <orderLine>} twice ⇄ {@code "orderLine": [..]}), a leaf
 * is text. Read and written here as ordered maps, lists, strings and numbers, by local name, so
 * namespace prefixes never matter.
 */
final class Tree {

    /** A document's root element (the JSON form has no name for it) and its content. */
    record Document(String root, Object content) {}

    /** Thrown for a body that is not well-formed XML or JSON. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static final XMLInputFactory INPUT = XMLInputFactory.newFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    static {
        // No DTDs, no external entities: the body is data, never instructions to fetch more.
        INPUT.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        INPUT.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        INPUT.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    private Tree() {}

    static Document readXml(byte[] body) {
        int start = body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf
                ? 3
                : 0;
        try {
            var reader = INPUT.createXMLStreamReader(new ByteArrayInputStream(body, start, body.length - start));
            try {
                while (reader.hasNext() && reader.next() != XMLStreamConstants.START_ELEMENT) {
                    // prolog: declaration, comments, whitespace; never a document type declaration
                    if (reader.getEventType() == XMLStreamConstants.DTD) {
                        throw new Malformed("A DOCTYPE declaration is not accepted: Walmart documents have none,"
                                + " and Rescind reads no DTD and expands no entity");
                    }
                }
                if (!reader.isStartElement()) {
                    throw new Malformed("The body has no root element");
                }
                var root = reader.getLocalName();
                var content = element(reader);
                while (reader.hasNext()) {
                    reader.next();
                }
                return new Document(root, content);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw new Malformed("The body is not well-formed XML: " + firstLine(e.getMessage()));
        }
    }

    /** Reads the element the reader stands on, up to and including its end tag. */
    private static Object element(XMLStreamReader reader) throws XMLStreamException {
        Map<String, Object> children = null;
        var text = new StringBuilder();
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (children == null) {
                        children = new LinkedHashMap<>();
                    }
                    add(children, reader.getLocalName(), element(reader));
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return children != null ? children : text.toString().strip();
                }
                default -> {
                    // comments, processing instructions
                }
            }
        }
        throw new Malformed("The body ends inside an element");
    }

    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> children, String name, Object value) {
        var existing = children.get(name);
        if (existing == null) {
            children.put(name, value);
        } else if (existing instanceof Repeated list) {
            list.add(value);
        } else {
            var list = new Repeated();
            list.add(existing);
            list.add(value);
            children.put(name, list);
        }
    }

    /** An element seen more than once, as opposed to a JSON array given by the client. */
    private static final class Repeated extends ArrayList<Object> {}

    static Document readJson(JsonMapper json, byte[] body) {
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            throw new Malformed("The body is not valid JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (node == null || node.isMissingNode() || !node.isObject()) {
            throw new Malformed("The body is not a JSON object");
        }
        return new Document(null, fromJson(node));
    }

    private static Object fromJson(JsonNode node) {
        if (node.isObject()) {
            var map = new LinkedHashMap<String, Object>();
            for (var entry : node.properties()) {
                map.put(text(entry.getKey()), fromJson(entry.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            var list = new ArrayList<Object>();
            node.forEach(item -> list.add(fromJson(item)));
            return list;
        }
        return node.isNull() ? null : text(node.asString());
    }

    /** The same rule as every JSON body's (StrictJson): no NUL, no lone surrogate. */
    private static String text(String text) {
        var flaw = io.rescind.http.Refusals.flaw(text);
        if (flaw != null) {
            throw new Malformed("The body is not valid: a text " + flaw);
        }
        return text;
    }

    /** Writes {@code content} under {@code root}, every element in {@code namespace}. */
    static String writeXml(String namespace, String root, Map<String, ?> content) {
        var out = new StringWriter();
        try {
            var writer = OUTPUT.createXMLStreamWriter(out);
            writer.writeStartDocument("UTF-8", "1.0");
            writer.setDefaultNamespace(namespace);
            writer.writeStartElement(namespace, root);
            writer.writeDefaultNamespace(namespace);
            writeChildren(writer, namespace, content);
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not write XML", e);
        }
        return out.toString();
    }

    private static void writeChildren(XMLStreamWriter writer, String namespace, Map<String, ?> content)
            throws XMLStreamException {
        for (var entry : content.entrySet()) {
            if (entry.getValue() instanceof List<?> items) {
                for (var item : items) {
                    writeElement(writer, namespace, entry.getKey(), item);
                }
            } else if (entry.getValue() != null) {
                writeElement(writer, namespace, entry.getKey(), entry.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void writeElement(XMLStreamWriter writer, String namespace, String name, Object value)
            throws XMLStreamException {
        writer.writeStartElement(namespace, name);
        switch (value) {
            case Map<?, ?> map -> writeChildren(writer, namespace, (Map<String, ?>) map);
            case BigDecimal decimal -> writer.writeCharacters(decimal.toPlainString());
            default -> writer.writeCharacters(String.valueOf(value));
        }
        writer.writeEndElement();
    }

    // Reading helpers for the translators: a single object and a one-element array are the same.

    static Map<?, ?> object(Object value) {
        if (value instanceof List<?> list && list.size() == 1) {
            value = list.getFirst();
        }
        return value instanceof Map<?, ?> map ? map : null;
    }

    static List<?> many(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? list : List.of(value);
    }

    static String text(Object value) {
        if (value instanceof List<?> list && list.size() == 1) {
            value = list.getFirst();
        }
        return value instanceof String s ? s.strip() : null;
    }

    /**
     * The parser's message without its position preamble: StAX says {@code ParseError at
     * [row,col]:[2,5]\nMessage: The entity "x" was referenced, but not declared.}, whose first line
     * alone tells nothing.
     */
    private static String firstLine(String message) {
        var text = String.valueOf(message);
        var position = POSITION.matcher(text);
        var where = position.find() ? " (line %s, column %s)".formatted(position.group(1), position.group(2)) : "";
        int detail = text.indexOf("Message:");
        if (detail >= 0) {
            text = text.substring(detail + "Message:".length()).strip();
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)) + where;
    }

    private static final java.util.regex.Pattern POSITION =
            java.util.regex.Pattern.compile("\\[row,col\\]:\\[(\\d+),(\\d+)\\]");
}
