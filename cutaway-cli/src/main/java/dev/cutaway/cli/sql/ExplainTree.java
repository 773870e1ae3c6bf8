package dev.cutaway.cli.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Redraws PostgreSQL-style EXPLAIN text as a tree with box-drawing characters, for the shell's
 * {@code \explain}:
 * <pre>
 * Sort (sort key: name)                     Sort (sort key: name)
 *   -&gt;  Hash Join (cond: ...)         ==&gt;  └── Hash Join (cond: ...)
 *         -&gt;  Seq Scan on a                     ├── Seq Scan on a
 *         -&gt;  Seq Scan on b                     └── Seq Scan on b
 * </pre>
 * A plan node is the first line or a line whose text starts with {@code ->}; its depth is the
 * column of the arrow. Any other line (Filter:, actual time ..., Planning Time: ...) is a
 * detail of the node above it and is drawn under that node's label, so the format of EXPLAIN
 * ANALYZE and of future detail lines needs no change here.
 */
public final class ExplainTree {
    private ExplainTree() {}

    /** One plan node: its label, detail lines and children. */
    private record Node(String label, int column, List<String> details, List<Node> children) {}

    public static String draw(List<String> planLines) {
        List<Node> roots = new ArrayList<>();
        List<Node> stack = new ArrayList<>();
        for (String line : planLines) {
            String text = line.strip();
            int indent = line.length() - line.stripLeading().length();
            boolean arrow = text.startsWith("->");
            if (arrow || stack.isEmpty()) {
                Node node = new Node(arrow ? text.substring(2).strip() : text, indent,
                        new ArrayList<>(), new ArrayList<>());
                while (!stack.isEmpty() && stack.getLast().column() >= indent && arrow) {
                    stack.removeLast();
                }
                if (stack.isEmpty()) {
                    roots.add(node);
                } else {
                    stack.getLast().children().add(node);
                }
                stack.add(node);
            } else if (!text.isEmpty()) {
                deepestDetailOwner(stack, indent).details().add(text);
            }
        }
        StringBuilder out = new StringBuilder();
        for (Node root : roots) {
            out.append(root.label()).append('\n');
            drawBody(root, "", out);
        }
        return out.toString();
    }

    /** The innermost node whose arrow lies left of a detail line's indentation. */
    private static Node deepestDetailOwner(List<Node> stack, int indent) {
        for (int i = stack.size() - 1; i > 0; i--) {
            if (stack.get(i).column() < indent) {
                return stack.get(i);
            }
        }
        return stack.getFirst();
    }

    private static void drawBody(Node node, String prefix, StringBuilder out) {
        boolean hasChildren = !node.children().isEmpty();
        for (String detail : node.details()) {
            out.append(prefix).append(hasChildren ? "│   " : "    ").append(detail).append('\n');
        }
        for (int i = 0; i < node.children().size(); i++) {
            Node child = node.children().get(i);
            boolean last = i == node.children().size() - 1;
            out.append(prefix).append(last ? "└── " : "├── ").append(child.label()).append('\n');
            drawBody(child, prefix + (last ? "    " : "│   "), out);
        }
    }
}
