package dev.qwenwb.evaluation.code;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The one fenced-code-block finder, shared by the artifacts pane and the evaluation checks: CommonMark's own parser
 * (fences inside lists and quotes included), made safe for text that is still streaming — a block whose opening
 * line has not ended yet is not reported (its info string may still be arriving), and the last line of an unclosed
 * block is left out while it is only the start of a closing fence. Parsing the whole text again on each update makes
 * a fence split across tokens harmless.
 */
public final class CodeFences {

    private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

    private CodeFences() {
    }

    /** Every fenced block of {@code markdown}, in order. */
    public static List<CodeBlock> find(String markdown) {
        List<CodeBlock> blocks = new ArrayList<>();
        Node doc = PARSER.parse(markdown);
        String[] lines = markdown.split("\n", -1);
        boolean endsWithNewline = markdown.endsWith("\n");
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock f) {
                int openingLine = f.getSourceSpans().isEmpty() ? 0 : f.getSourceSpans().get(0).getLineIndex();
                if (openingLine >= lines.length - 1) {
                    return; // the opening fence's line has not ended: its info string may still be arriving
                }
                boolean closed = f.getClosingFenceLength() != null;
                String code = f.getLiteral();
                if (code.endsWith("\n")) {
                    code = code.substring(0, code.length() - 1);
                }
                if (!closed && !endsWithNewline) {
                    int cut = code.lastIndexOf('\n') + 1;
                    if (isFencePrefix(code.substring(cut).trim(), f.getFenceCharacter())) {
                        code = cut == 0 ? "" : code.substring(0, cut - 1); // a closing fence half arrived
                    }
                }
                String info = f.getInfo() == null ? "" : f.getInfo().trim();
                blocks.add(new CodeBlock(Languages.normalise(info), info, code, closed));
            }
        });
        return blocks;
    }

    private static boolean isFencePrefix(String line, String fence) {
        if (line.isEmpty() || fence == null || fence.isEmpty()) {
            return false;
        }
        char c = fence.charAt(0);
        return line.chars().allMatch(ch -> ch == c);
    }
}
