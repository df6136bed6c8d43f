package dev.qwenwb.evaluation.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.evaluation.check.CheckRegistry;
import dev.qwenwb.evaluation.check.CheckSpec;
import dev.qwenwb.evaluation.check.CheckSpecException;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import dev.qwenwb.inference.prompt.RepoFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a suite YAML file: {@code name}, {@code description}, {@code claims}, {@code default_checks},
 * {@code cases} (or a {@code dataset} such as HumanEval). Every check is built once at load time so an unknown
 * type or a missing option fails here, naming file and line.
 */
public final class SuiteLoader {

    private final CheckRegistry registry;

    /** @param registry the check types a suite may use */
    public SuiteLoader(CheckRegistry registry) {
        this.registry = registry;
    }

    /**
     * Loads a suite file. Its size is checked before it is parsed (the YAML parser takes super-linear time on a
     * long line), and it must be UTF-8.
     *
     * @param file the YAML file
     * @return the suite
     * @throws SuiteException naming file and line for anything wrong
     */
    public Suite load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SuiteException(file + ": no such suite file");
        }
        String text;
        try {
            text = BoundedText.readFile(file, YamlTree.MAX_CODE_POINTS * 4L, "a suite file");
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new SuiteException(e.getMessage());
        }
        return parse(YamlTree.read(file.toString(), text), file.toAbsolutePath().getParent());
    }

    /**
     * Parses an already read tree.
     *
     * @param tree the YAML
     * @param baseDir where relative dataset paths start
     * @return the suite
     */
    public Suite parse(YamlTree tree, Path baseDir) {
        JsonNode root = tree.root();
        if (!root.isObject()) {
            throw new SuiteException(tree.where(root) + ": a suite is a mapping with 'name' and 'cases'");
        }
        String name = root.path("name").asText("");
        if (name.isBlank()) {
            throw new SuiteException(tree.where(root) + ": the suite has no 'name'");
        }
        List<CheckSpec> defaults = checks(tree, root.get("default_checks"), "default_checks");
        List<EvalCase> cases = new ArrayList<>();
        JsonNode dataset = root.get("dataset");
        if (dataset != null) {
            cases.addAll(HumanEvalSuites.cases(tree, dataset, baseDir));
        }
        JsonNode list = root.get("cases");
        if (list != null && !list.isArray()) {
            throw new SuiteException(tree.where(list) + ": 'cases' must be a list");
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode c : list == null ? List.<JsonNode>of() : list) {
            EvalCase ec = caseOf(tree, c, defaults);
            if (!ids.add(ec.id())) {
                throw new SuiteException(tree.where(c) + ": duplicate case id '" + ec.id() + "'");
            }
            cases.add(ec);
        }
        if (cases.isEmpty()) {
            throw new SuiteException(tree.where(root) + ": the suite has no cases");
        }
        return new Suite(name, root.path("description").asText(""), tree.file(), cases, claims(tree, root));
    }

    private EvalCase caseOf(YamlTree tree, JsonNode c, List<CheckSpec> defaults) {
        String where = tree.where(c);
        if (!c.isObject()) {
            throw new SuiteException(where + ": a case is a mapping with 'id', a prompt and 'checks'");
        }
        String id = c.path("id").asText("");
        if (id.isBlank()) {
            throw new SuiteException(where + ": case has no 'id'");
        }
        String at = where + ": case '" + id + "'";
        Prompt prompt;
        if (c.hasNonNull("messages")) {
            List<ChatMessage> messages = new ArrayList<>();
            for (JsonNode m : c.get("messages")) {
                messages.add(message(tree, m, at));
            }
            if (messages.isEmpty()) {
                throw new SuiteException(tree.where(c.get("messages")) + ": case '" + id + "': 'messages' is empty");
            }
            prompt = Prompt.chat(messages);
        } else if (c.hasNonNull("prompt")) {
            prompt = Prompt.chat(List.of(ChatMessage.user(c.get("prompt").asText())));
        } else if (c.hasNonNull("completion")) {
            prompt = Prompt.raw(c.get("completion").asText());
        } else if (c.hasNonNull("fim")) {
            prompt = Prompt.fim(need(tree, c.get("fim"), "prefix", at), need(tree, c.get("fim"), "suffix", at));
        } else if (c.hasNonNull("repo")) {
            JsonNode repo = c.get("repo");
            String repoName = need(tree, repo, "name", at);
            List<RepoFile> files = new ArrayList<>();
            for (JsonNode f : repo.path("files")) {
                files.add(new RepoFile(need(tree, f, "path", at), need(tree, f, "content", at)));
            }
            if (files.isEmpty()) {
                throw new SuiteException(tree.where(repo) + ": case '" + id + "': repo has no 'files'");
            }
            prompt = Prompt.repo(repoName, files);
        } else {
            throw new SuiteException(at + " has no prompt: give 'prompt', 'messages', 'completion', 'fim' or 'repo'");
        }
        List<String> stop = new ArrayList<>();
        c.path("stop").forEach(s -> stop.add(s.asText()));
        List<CheckSpec> checks = new ArrayList<>(checks(tree, c.get("checks"), "case '" + id + "'"));
        checks.addAll(defaults);
        if (checks.isEmpty()) {
            throw new SuiteException(at + " has no 'checks'");
        }
        return new EvalCase(id, c.path("title").asText(id), c.path("language").asText(""), prompt,
                c.path("max_tokens").asInt(0), stop, checks);
    }

    private static ChatMessage message(YamlTree tree, JsonNode m, String at) {
        String role = need(tree, m, "role", at);
        String content = need(tree, m, "content", at);
        switch (role) {
            case "system": return ChatMessage.system(content);
            case "user": return ChatMessage.user(content);
            case "assistant": return ChatMessage.assistant(content);
            default: throw new SuiteException(tree.where(m) + ": unknown role '" + role
                    + "' (system, user or assistant)");
        }
    }

    private static String need(YamlTree tree, JsonNode o, String field, String at) {
        JsonNode v = o == null ? null : o.get(field);
        if (v == null || v.isNull()) {
            String place = o != null && o.isContainerNode() ? tree.where(o) + ": in " + at.substring(at.indexOf(": ") + 2)
                    : at;
            throw new SuiteException(place + ": missing '" + field + "'");
        }
        return v.asText();
    }

    /**
     * Reads and builds a list of checks, failing on unknown types and bad options.
     *
     * @param owner what the checks belong to ({@code case 'ID'}, {@code default_checks}), added to a check's error
     */
    List<CheckSpec> checks(YamlTree tree, JsonNode list, String owner) {
        List<CheckSpec> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new SuiteException(tree.where(list) + ": 'checks' must be a list");
        }
        for (JsonNode n : list) {
            if (!n.isObject() || !n.hasNonNull("type")) {
                throw new SuiteException(tree.where(n.isObject() ? n : list) + ": a check needs a 'type'");
            }
            String type = n.get("type").asText();
            boolean negated = type.startsWith("not-");
            CheckSpec spec = new CheckSpec(negated ? type.substring(4) : type, negated, (ObjectNode) n,
                    tree.where(n));
            try {
                registry.create(spec);
            } catch (CheckSpecException e) {
                throw new SuiteException(e.getMessage() + " (in " + owner + ")");
            }
            out.add(spec);
        }
        return out;
    }

    private static List<Claim> claims(YamlTree tree, JsonNode root) {
        List<Claim> out = new ArrayList<>();
        for (JsonNode c : root.path("claims")) {
            String at = tree.where(c) + ": claim";
            JsonNode v = c.get("value");
            if (v == null || !v.isNumber()) {
                throw new SuiteException(at + " needs a numeric 'value'");
            }
            out.add(new Claim(need(tree, c, "id", at), c.path("label").asText(""), need(tree, c, "metric", at),
                    v.asDouble(), c.path("claimed").asText(""), c.path("note").asText("")));
        }
        return out;
    }
}
