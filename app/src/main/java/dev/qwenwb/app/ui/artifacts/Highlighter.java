package dev.qwenwb.app.ui.artifacts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regex syntax highlighting: pure and thread-safe, so it runs off the FX thread. Each span names a CSS style
 * class (keyword, string, comment, number, tag, attr, key).
 */
public final class Highlighter {

    /** A styled range of the code. */
    public record Span(int start, int end, String style) {
    }

    private static final String C_COMMENT = "//[^\n]*|/\\*(?:.|\\R)*?\\*/";
    private static final String STRINGS = "\"(?:[^\"\\\\\n]|\\\\.)*\"|'(?:[^'\\\\\n]|\\\\.)*'";
    private static final String NUMBER = "\\b\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?\\b";

    private static final String JS_KEYWORDS = "async|await|break|case|catch|class|const|continue|default|delete"
            + "|do|else|export|extends|finally|for|function|if|import|in|instanceof|let|new|of|return|super|switch"
            + "|this|throw|try|typeof|var|void|while|yield|true|false|null|undefined";

    private static final Pattern MARKUP = Pattern.compile("(?<COMMENT><!--(?:.|\\R)*?-->)"
            + "|(?<TAG></?[A-Za-z][\\w:-]*|/?>)|(?<ATTR>\\b[\\w:-]+(?==))|(?<STRING>" + STRINGS + ")");

    private static final Map<String, Pattern> GRAMMARS = Map.ofEntries(
            Map.entry("python", grammar("#[^\n]*", "\"\"\"(?:.|\\R)*?\"\"\"|'''(?:.|\\R)*?'''|" + STRINGS,
                    "False|None|True|and|as|assert|async|await|break|class|continue|def|del|elif|else|except"
                            + "|finally|for|from|global|if|import|in|is|lambda|nonlocal|not|or|pass|raise|return"
                            + "|try|while|with|yield|self|print")),
            Map.entry("javascript", grammar(C_COMMENT, STRINGS + "|`(?:[^`\\\\]|\\\\.)*`", JS_KEYWORDS)),
            Map.entry("typescript", grammar(C_COMMENT, STRINGS + "|`(?:[^`\\\\]|\\\\.)*`",
                    JS_KEYWORDS + "|interface|type|enum|implements|private|public|readonly|string|number|boolean")),
            Map.entry("java", grammar(C_COMMENT, STRINGS,
                    "abstract|boolean|break|byte|case|catch|char|class|continue|default|do|double|else|enum"
                            + "|extends|final|finally|float|for|if|implements|import|instanceof|int|interface"
                            + "|long|new|package|private|protected|public|record|return|short|static|super"
                            + "|switch|this|throw|throws|try|var|void|while|true|false|null")),
            Map.entry("sql", grammar("--[^\n]*", STRINGS, "(?i:select|from|where|insert|into|values|update|set"
                    + "|delete|create|table|drop|alter|join|left|right|inner|outer|on|group|by|order|having"
                    + "|limit|and|or|not|null|primary|key|as|distinct|count|index|int|integer|text|varchar)")),
            Map.entry("shell", grammar("#[^\n]*", STRINGS, "if|then|else|elif|fi|for|in|do|done|while|case"
                    + "|esac|function|return|export|local|echo|cd|sudo|set")),
            Map.entry("dockerfile", grammar("#[^\n]*", STRINGS, "(?i:FROM|RUN|CMD|COPY|ADD|WORKDIR|ENV|EXPOSE"
                    + "|ENTRYPOINT|ARG|USER|VOLUME|LABEL|HEALTHCHECK|AS)")),
            Map.entry("css", grammar("/\\*(?:.|\\R)*?\\*/", STRINGS, "important|media|import|from|to")),
            Map.entry("json", Pattern.compile("(?<KEY>\"(?:[^\"\\\\\n]|\\\\.)*\"(?=\\s*:))|(?<STRING>" + STRINGS
                    + ")|(?<KEYWORD>\\b(?:true|false|null)\\b)|(?<NUMBER>-?" + NUMBER + ")")),
            Map.entry("yaml", Pattern.compile("(?<COMMENT>#[^\n]*)|(?<KEY>(?m:^\\s*-?\\s*[\\w.-]+(?=\\s*:)))"
                    + "|(?<STRING>" + STRINGS + ")|(?<KEYWORD>\\b(?:true|false|null|yes|no)\\b)"
                    + "|(?<NUMBER>" + NUMBER + ")")),
            Map.entry("diff", Pattern.compile("(?<STRING>(?m:^\\+ .*$))|(?<COMMENT>(?m:^- .*$))")),
            Map.entry("html", MARKUP), Map.entry("xml", MARKUP), Map.entry("svg", MARKUP));

    private static final String[] GROUPS = {"COMMENT", "STRING", "KEYWORD", "NUMBER", "TAG", "ATTR", "KEY"};

    private Highlighter() {
    }

    private static Pattern grammar(String comment, String strings, String keywords) {
        return Pattern.compile("(?<COMMENT>" + comment + ")|(?<STRING>" + strings + ")|(?<KEYWORD>\\b(?:"
                + keywords + ")\\b)|(?<NUMBER>" + NUMBER + ")");
    }

    /** Whether the language has a grammar. */
    public static boolean supports(String language) {
        return GRAMMARS.containsKey(language);
    }

    /** Styled ranges of {@code code}, in order, non-overlapping; empty for unknown languages. */
    public static List<Span> spans(String language, String code) {
        List<Span> spans = new ArrayList<>();
        Pattern p = GRAMMARS.get(language);
        if (p == null) {
            return spans;
        }
        Matcher m = p.matcher(code);
        while (m.find()) {
            for (String g : GROUPS) {
                if (p.pattern().contains("(?<" + g + ">") && m.group(g) != null) {
                    spans.add(new Span(m.start(), m.end(), g.toLowerCase(java.util.Locale.ROOT)));
                    break;
                }
            }
        }
        return spans;
    }
}
