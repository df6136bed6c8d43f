package dev.qwenwb.evaluation.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.qwenwb.evaluation.check.CheckSpec;
import dev.qwenwb.inference.prompt.ChatMessage;
import dev.qwenwb.inference.prompt.Prompt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HumanEval as suite cases, for a suite's {@code dataset: {type: humaneval, file, prompting, limit}}.
 *
 * <ul>
 *   <li>{@code prompting: completion}: the problem's prompt is sent raw; the program run is
 *       {@code prompt + completion + test + check(entry_point)}; stop strings as in Qwen's EvalPlus
 *       harness for base models.</li>
 *   <li>{@code prompting: instruct}: Qwen's EvalPlus instruct prompt (system "You are an intelligent
 *       programming assistant…", user "Can you complete the following Python function?" + fenced prompt);
 *       the code is extracted from the answer and run after the prompt (so imports are there).</li>
 * </ul>
 */
public final class HumanEvalSuites {

    /** Stop strings for completion-style prompting (Qwen's EvalPlus base list + HumanEval's). */
    public static final List<String> COMPLETION_STOPS = List.of("\ndef ", "\nclass ", "\nimport ", "\nfrom ",
            "\nassert ", "\nif __name__", "\nprint(", "\n#");

    static final String SYSTEM = "You are an intelligent programming assistant to produce Python algorithmic solutions";

    private HumanEvalSuites() {
    }

    /**
     * @param tree the suite file (for messages)
     * @param dataset the {@code dataset} node
     * @param baseDir the suite file's folder
     * @return one case per problem, id = task id
     */
    public static List<EvalCase> cases(YamlTree tree, JsonNode dataset, Path baseDir) {
        String where = tree.where(dataset);
        if (!"humaneval".equals(dataset.path("type").asText())) {
            throw new SuiteException(where + ": unknown dataset type '" + dataset.path("type").asText()
                    + "' (known: humaneval)");
        }
        Path file = baseDir.resolve(dataset.path("file").asText("humaneval/HumanEval.jsonl.gz"));
        if (!Files.isRegularFile(file)) {
            throw new SuiteException(where + ": dataset file " + file + " not found");
        }
        String prompting = dataset.path("prompting").asText("completion");
        if (!prompting.equals("completion") && !prompting.equals("instruct")) {
            throw new SuiteException(where + ": prompting is 'completion' or 'instruct', not '" + prompting + "'");
        }
        int limit = dataset.path("limit").asInt(Integer.MAX_VALUE);
        List<EvalCase> out = new ArrayList<>();
        for (HumanEvalProblem p : HumanEvalData.load(file)) {
            if (out.size() >= limit) {
                break;
            }
            out.add(prompting.equals("completion") ? completion(p, where) : instruct(p, where));
        }
        return out;
    }

    /** @return the completion-style case for a problem */
    public static EvalCase completion(HumanEvalProblem p, String where) {
        ObjectNode o = check(p);
        o.put("prepend", p.prompt());
        o.put("extract", false);
        return new EvalCase(p.taskId(), p.taskId() + " " + p.entryPoint(), "python", Prompt.raw(p.prompt()),
                512, COMPLETION_STOPS,
                List.of(new CheckSpec("python-tests", false, o, where)));
    }

    /** @return the instruct-style case for a problem */
    public static EvalCase instruct(HumanEvalProblem p, String where) {
        ObjectNode o = check(p);
        o.put("prepend", p.prompt() + "    pass\n");
        String user = "Can you complete the following Python function?\n```python\n" + p.prompt() + "\n```\n";
        return new EvalCase(p.taskId(), p.taskId() + " " + p.entryPoint(), "python",
                Prompt.chat(List.of(ChatMessage.system(SYSTEM), ChatMessage.user(user))), 768, List.of(), List.of(new CheckSpec("python-tests", false, o, where)));
    }

    private static ObjectNode check(HumanEvalProblem p) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", "python-tests");
        o.put("tests", p.test() + "\n\ncheck(" + p.entryPoint() + ")\n");
        o.put("timeout_s", 10);
        return o;
    }
}
