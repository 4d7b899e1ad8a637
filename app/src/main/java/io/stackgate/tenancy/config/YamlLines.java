package io.stackgate.tenancy.config;

import java.io.StringReader;
import java.util.List;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The line of every field of a YAML document, from SnakeYAML's node marks. A path is a list of
 * keys (String) and indexes (Integer); a path that goes past the document points at its deepest part.
 */
final class YamlLines {

    private final Node root;

    private YamlLines(Node root) {
        this.root = root;
    }

    /** @throws org.yaml.snakeyaml.error.MarkedYAMLException when the text is not YAML */
    static YamlLines parse(String text) {
        return new YamlLines(new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text)));
    }

    boolean isEmpty() {
        return root == null;
    }

    int lineOf(List<Object> path) {
        if (root == null) {
            return 0;
        }
        Node node = root;
        int line = root.getStartMark().getLine() + 1;
        for (Object element : path) {
            if (element instanceof String key && node instanceof MappingNode mapping) {
                NodeTuple tuple = entry(mapping, key);
                if (tuple == null) {
                    break;
                }
                line = tuple.getKeyNode().getStartMark().getLine() + 1;
                node = tuple.getValueNode();
            } else if (element instanceof Integer index && node instanceof SequenceNode sequence
                    && index < sequence.getValue().size()) {
                node = sequence.getValue().get(index);
                line = node.getStartMark().getLine() + 1;
            } else {
                break;
            }
        }
        return line;
    }

    /** The dotted field name a reader sees, e.g. {@code projects[0].quota.vcpus}. */
    static String field(List<Object> path) {
        StringBuilder field = new StringBuilder();
        for (Object element : path) {
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(element);
            }
        }
        return field.toString();
    }

    private static NodeTuple entry(MappingNode mapping, String key) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                return tuple;
            }
        }
        return null;
    }
}
