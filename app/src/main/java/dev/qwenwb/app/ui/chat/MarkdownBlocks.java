package dev.qwenwb.app.ui.chat;

import dev.qwenwb.app.ui.artifacts.Highlighter;
import dev.qwenwb.evaluation.code.Languages;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableHead;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

/**
 * Markdown (commonmark-java, GFM tables) to a flat list of blocks with styled runs and highlighted code: pure
 * data, computed off the FX thread; {@code MarkdownView} turns it into nodes.
 */
public final class MarkdownBlocks {

    /** Text with style classes (bold, italic, code, link). */
    public record Run(String text, Set<String> styles) {
    }

    /** Block kinds. */
    public enum Kind { PARAGRAPH, HEADING, ITEM, QUOTE, CODE, RULE, TABLE }

    /**
     * A block.
     *
     * @param kind     what it is
     * @param level    heading level, list nesting, or 0
     * @param bullet   "•" or "3." for list items
     * @param runs     inline text
     * @param language code language
     * @param code     code text
     * @param spans    code highlighting
     * @param rows     table rows (first row the header) of cells of runs
     */
    public record Block(Kind kind, int level, String bullet, List<Run> runs, String language, String code,
                        List<Highlighter.Span> spans, List<List<List<Run>>> rows) {
    }

    private static final Parser PARSER = Parser.builder().extensions(List.of(TablesExtension.create())).build();

    private MarkdownBlocks() {
    }

    /** Parses {@code markdown}. */
    public static List<Block> parse(String markdown) {
        List<Block> out = new ArrayList<>();
        blocks(PARSER.parse(markdown), 0, out);
        return out;
    }

    private static void blocks(Node parent, int depth, List<Block> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            block(n, depth, out);
        }
    }

    private static void block(Node n, int depth, List<Block> out) {
        {
            if (n instanceof Heading h) {
                out.add(text(Kind.HEADING, h.getLevel(), null, runs(h)));
            } else if (n instanceof Paragraph p) {
                out.add(text(Kind.PARAGRAPH, depth, null, runs(p)));
            } else if (n instanceof ListBlock list) {
                int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null
                        ? o.getMarkerStartNumber() : 1;
                for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
                    if (item instanceof ListItem li) {
                        String bullet = list instanceof OrderedList ? (number++) + "." : "•";
                        item(li, depth + 1, bullet, out);
                    }
                }
            } else if (n instanceof BlockQuote q) {
                List<Block> inner = new ArrayList<>();
                blocks(q, depth, inner);
                inner.forEach(b -> out.add(b.kind() == Kind.PARAGRAPH ? text(Kind.QUOTE, depth, null, b.runs()) : b));
            } else if (n instanceof FencedCodeBlock f) {
                out.add(code(Languages.normalise(f.getInfo() == null ? "" : f.getInfo()), f.getLiteral()));
            } else if (n instanceof IndentedCodeBlock c) {
                out.add(code("text", c.getLiteral()));
            } else if (n instanceof ThematicBreak) {
                out.add(new Block(Kind.RULE, 0, null, List.of(), null, null, List.of(), List.of()));
            } else if (n instanceof TableBlock t) {
                out.add(table(t));
            } else {
                blocks(n, depth, out);
            }
        }
    }

    private static void item(ListItem li, int depth, String bullet, List<Block> out) {
        Node c = li.getFirstChild();
        if (c instanceof Paragraph p) {
            out.add(text(Kind.ITEM, depth, bullet, runs(p)));
            c = c.getNext();
        } else {
            out.add(text(Kind.ITEM, depth, bullet, List.of()));
        }
        for (; c != null; c = c.getNext()) {
            block(c, depth, out);
        }
    }

    private static Block table(TableBlock t) {
        List<List<List<Run>>> rows = new ArrayList<>();
        collectRows(t, rows);
        return new Block(Kind.TABLE, 0, null, List.of(), null, null, List.of(), rows);
    }

    private static void collectRows(Node n, List<List<List<Run>>> rows) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNext()) {
            if (c instanceof org.commonmark.ext.gfm.tables.TableRow) {
                List<List<Run>> cells = new ArrayList<>();
                for (Node cell = c.getFirstChild(); cell != null; cell = cell.getNext()) {
                    if (cell instanceof TableCell tc) {
                        List<Run> r = runs(tc);
                        if (c.getParent() instanceof TableHead) {
                            List<Run> bold = new ArrayList<>();
                            r.forEach(x -> bold.add(new Run(x.text(), Set.of("bold"))));
                            r = bold;
                        }
                        cells.add(r);
                    }
                }
                rows.add(cells);
            } else {
                collectRows(c, rows);
            }
        }
    }

    private static Block text(Kind kind, int level, String bullet, List<Run> runs) {
        return new Block(kind, level, bullet, runs, null, null, List.of(), List.of());
    }

    private static Block code(String language, String literal) {
        String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        return new Block(Kind.CODE, 0, null, List.of(), language, code, Highlighter.spans(language, code),
                List.of());
    }

    private static List<Run> runs(Node parent) {
        List<Run> out = new ArrayList<>();
        inline(parent, Set.of(), out);
        return out;
    }

    private static void inline(Node parent, Set<String> styles, List<Run> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof Text t) {
                out.add(new Run(t.getLiteral(), styles));
            } else if (n instanceof Code c) {
                out.add(new Run(c.getLiteral(), with(styles, "code")));
            } else if (n instanceof SoftLineBreak) {
                out.add(new Run(" ", styles));
            } else if (n instanceof HardLineBreak) {
                out.add(new Run("\n", styles));
            } else if (n instanceof Emphasis) {
                inline(n, with(styles, "italic"), out);
            } else if (n instanceof StrongEmphasis) {
                inline(n, with(styles, "bold"), out);
            } else if (n instanceof Link) {
                inline(n, with(styles, "link"), out);
            } else {
                inline(n, styles, out);
            }
        }
    }

    private static Set<String> with(Set<String> s, String style) {
        java.util.HashSet<String> h = new java.util.HashSet<>(s);
        h.add(style);
        return Set.copyOf(h);
    }
}
