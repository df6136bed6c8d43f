package dev.qwenwb.evaluation.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.qwenwb.inference.util.JsonErrors;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read into Jackson nodes, remembering the line each object and array starts on, so that a
 * suite error can name its line ({@code ObjectMapper.readTree} forgets locations).
 */
public final class YamlTree {

    /**
     * The most characters (code points) a document may hold: SnakeYAML's own limit, made explicit so it can be
     * checked before parsing, which takes super-linear time on a long line (3 MB on one line: about 4 s).
     */
    public static final int MAX_CODE_POINTS = 3 << 20;

    /** A key twice in one mapping is an error, not a silent overwrite. */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String file;
    private final JsonNode root;
    private final Map<JsonNode, Integer> lines;

    private YamlTree(String file, JsonNode root, Map<JsonNode, Integer> lines) {
        this.file = file;
        this.root = root;
        this.lines = lines;
    }

    /**
     * Parses one YAML document.
     *
     * @param file the name used in messages
     * @param reader the text
     * @return the tree
     * @throws SuiteException on a syntax error, naming file and line
     */
    public static YamlTree read(String file, Reader reader) {
        Map<JsonNode, Integer> lines = new IdentityHashMap<>();
        try (JsonParser p = FACTORY.createParser(reader)) {
            JsonToken t = p.nextToken();
            JsonNode root = t == null ? NODES.objectNode() : value(p, lines, file);
            return new YamlTree(file, root, lines);
        } catch (JsonProcessingException e) {
            throw new SuiteException(syntaxError(file, e));
        } catch (IOException e) {
            throw new SuiteException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions o = new LoaderOptions();
        o.setCodePointLimit(MAX_CODE_POINTS);
        return o;
    }

    /**
     * Parses one YAML document held in a string, refusing one over {@link #MAX_CODE_POINTS} before parsing.
     *
     * @param file the name used in messages
     * @param text the text
     * @return the tree
     * @throws SuiteException on a syntax error or a document too large, naming the file
     */
    public static YamlTree read(String file, String text) {
        if (text.length() > MAX_CODE_POINTS && text.codePointCount(0, text.length()) > MAX_CODE_POINTS) {
            throw new SuiteException(file + ": more than " + MAX_CODE_POINTS + " characters, the most a YAML "
                    + "document may hold here (split the suite, or shorten its prompts)");
        }
        return read(file, new StringReader(text));
    }

    /** {@code FILE:LINE:COL: message} on one line (SnakeYAML's own message spans up to nine). */
    static String syntaxError(String file, JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        String at = l == null || l.getLineNr() < 1 ? "" : ":" + l.getLineNr() + ":" + Math.max(1, l.getColumnNr());
        String problem;
        if (e.getCause() instanceof MarkedYAMLException) {
            MarkedYAMLException y = (MarkedYAMLException) e.getCause();
            Mark m = y.getProblemMark();
            if (m != null) {
                at = ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            }
            problem = "not valid YAML: " + y.getProblem()
                    + (y.getContext() == null ? "" : " (" + y.getContext()
                    + (y.getContextMark() == null ? "" : " from line " + (y.getContextMark().getLine() + 1)) + ")");
        } else if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field ")) {
            problem = "duplicate key " + e.getOriginalMessage().substring("Duplicate field ".length())
                    + ": a key may appear only once in a mapping";
        } else {
            problem = "not valid YAML: " + JsonErrors.message(e);
        }
        return file + at + ": " + problem.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static JsonNode value(JsonParser p, Map<JsonNode, Integer> lines, String file) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (p instanceof YAMLParser && ((YAMLParser) p).isCurrentAlias()) {
            // Jackson's YAML parser gives an alias as its name ("prompt: *x" would send "x"); expanding them
            // would let a small file grow without bound ("billion laughs"), so they are refused
            throw new SuiteException(file + ":" + line + ":" + Math.max(1, p.currentTokenLocation().getColumnNr())
                    + ": YAML alias *" + p.getText() + " is not supported (nor are merge keys '<<'): write the "
                    + "value out where it is used, or use 'default_checks' for checks every case shares");
        }
        switch (p.currentToken()) {
            case START_OBJECT: {
                ObjectNode o = NODES.objectNode();
                lines.put(o, line);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    o.set(name, value(p, lines, file));
                }
                return o;
            }
            case START_ARRAY: {
                ArrayNode a = NODES.arrayNode();
                lines.put(a, line);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    a.add(value(p, lines, file));
                }
                return a;
            }
            case VALUE_STRING:
                return NODES.textNode(p.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            default:
                return NODES.nullNode();
        }
    }

    /** @return the document's root node */
    public JsonNode root() {
        return root;
    }

    /** @return the file name used in messages */
    public String file() {
        return file;
    }

    /**
     * @param node an object or array of this tree
     * @return {@code file:line} where it starts ({@code file} alone for scalars)
     */
    public String where(JsonNode node) {
        Integer line = lines.get(node);
        return line == null ? file : file + ":" + line;
    }
}
