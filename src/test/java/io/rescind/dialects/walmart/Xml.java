package io.rescind.dialects.walmart;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A client's view of an XML answer, read with the JDK's DOM parser (not the dialect's own):
 * namespace-aware, by local name, repeated elements as lists.
 */
final class Xml {

    record Parsed(String namespace, String root, Map<String, Object> content) {}

    private Xml() {}

    static Parsed parse(String text) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            var document =
                    factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            var root = document.getDocumentElement();
            @SuppressWarnings("unchecked")
            var content = (Map<String, Object>) read(root);
            return new Parsed(root.getNamespaceURI(), root.getLocalName(), content);
        } catch (Exception e) {
            throw new AssertionError("Not well-formed XML: " + text, e);
        }
    }

    private static Object read(Element element) {
        var children = new LinkedHashMap<String, Object>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child) {
                var value = read(child);
                var existing = children.get(child.getLocalName());
                if (existing == null) {
                    children.put(child.getLocalName(), value);
                } else if (existing instanceof Repeated list) {
                    list.add(value);
                } else {
                    var list = new Repeated();
                    list.add(existing);
                    list.add(value);
                    children.put(child.getLocalName(), list);
                }
            }
        }
        return hasElementChild(element) ? children : element.getTextContent().strip();
    }

    private static boolean hasElementChild(Element element) {
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element) {
                return true;
            }
        }
        return false;
    }

    static final class Repeated extends ArrayList<Object> {}

    /** A path of local names; a list on the way takes its first element unless an index is given. */
    @SuppressWarnings("unchecked")
    static Object at(Object tree, String path) {
        Object current = tree;
        for (var step : path.split("/")) {
            if (step.isEmpty()) {
                continue;
            }
            int index = 0;
            var name = step;
            if (step.endsWith("]")) {
                name = step.substring(0, step.indexOf('['));
                index = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
            }
            current = ((Map<String, Object>) current).get(name);
            if (current instanceof List<?> list) {
                current = index < list.size() ? list.get(index) : null;
            } else if (index > 0) {
                current = null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    static List<Object> all(Object tree, String path) {
        var parent = path.contains("/") ? at(tree, path.substring(0, path.lastIndexOf('/'))) : tree;
        var value = parent instanceof Map<?, ?> map ? map.get(path.substring(path.lastIndexOf('/') + 1)) : null;
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    }
}
