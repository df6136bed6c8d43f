package dev.qwenwb.evaluation.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.regex.RegularExpression;
import dev.qwenwb.evaluation.exec.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * {@code json-schema}: the answer's JSON (a fenced {@code json} block, else the whole answer, as {@code json-valid}
 * reads it) validates against the suite's {@code schema}. A real JSON Schema validator (networknt's, draft 2020-12
 * unless the schema's {@code $schema} names another draft), so property order does not matter, unlike the decoding
 * grammar of {@code response_format}. A schema that is not valid under its draft's meta-schema, a {@code $ref} that
 * does not resolve (nothing is fetched from the network) or a {@code pattern} RE2 cannot compile is refused when the
 * suite loads. Patterns run on RE2/J, in linear time, as the {@code regex} check's do.
 */
final class JsonSchemaCheck implements Check {

    private static final String TYPE = "json-schema";
    private static final int SHOWN = 3;
    /** Keywords whose values are data, not schemas: a {@code pattern} field inside them is no pattern. */
    private static final java.util.Set<String> VALUES = java.util.Set.of("enum", "const", "default", "examples");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .locale(Locale.ENGLISH)
                    .regularExpressionFactory(JsonSchemaCheck::re2)
                    .build()));

    private final Schema schema;

    /** @throws CheckSpecException naming file and line for a missing or invalid schema */
    JsonSchemaCheck(CheckSpec spec) {
        String at = spec.where() + ": check '" + spec.displayType() + "'";
        JsonNode node = spec.options().get("schema");
        if (node != null && node.isTextual()) {
            try {
                node = JSON.readTree(node.asText());
            } catch (JsonProcessingException e) {
                throw new CheckSpecException(at + ": 'schema' is text but not JSON: " + e.getOriginalMessage());
            }
        }
        if (node == null || !(node.isObject() || node.isBoolean())) {
            throw new CheckSpecException(at + " needs 'schema': a JSON schema (a YAML mapping, or JSON text)");
        }
        String dialect = node.path("$schema").asText(SpecificationVersion.DRAFT_2020_12.getDialectId());
        List<Error> invalid;
        try {
            invalid = SCHEMAS.getSchema(SchemaLocation.of(dialect)).validate(node);
        } catch (RuntimeException e) {
            throw new CheckSpecException(at + ": $schema '" + dialect + "' is not a JSON Schema draft this check knows "
                    + "(draft-04, -06, -07, 2019-09, 2020-12)");
        }
        if (!invalid.isEmpty()) {
            throw new CheckSpecException(at + ": 'schema' is not a valid JSON schema: " + describe(invalid));
        }
        checkPatterns(node, at);
        try {
            this.schema = SCHEMAS.getSchema(node);
            this.schema.initializeValidators(); // resolves $ref and compiles patterns now, not at the first answer
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new CheckSpecException(at + ": 'schema' cannot be used: " + cause.getMessage());
        }
    }

    @Override
    public CheckResult evaluate(Answer answer) {
        AnswerJson json = AnswerJson.of(answer);
        if (json.value() == null) {
            return CheckResult.failed(TYPE, json.problem());
        }
        JsonNode value = json.value();
        List<Error> errors;
        try {
            errors = schema.validate(value);
        } catch (RuntimeException e) {
            return new CheckResult(TYPE, Verdict.ERROR, 0, "the schema could not be applied: " + e.getMessage());
        }
        return errors.isEmpty() ? CheckResult.passed(TYPE, "the answer's JSON validates against the schema")
                : CheckResult.failed(TYPE, "the answer's JSON does not validate: " + describe(errors));
    }

    /** The first violations as {@code path: message}, then how many more. */
    private static String describe(List<Error> errors) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN, errors.size()); i++) {
            Error e = errors.get(i);
            String path = e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
            sb.append(i == 0 ? "" : "; ").append(path.isEmpty() ? "(root)" : path).append(": ").append(e.getMessage());
        }
        if (errors.size() > SHOWN) {
            sb.append("; and ").append(errors.size() - SHOWN).append(" more");
        }
        return sb.toString();
    }

    /** Compiles every pattern first, so a bad one is our one line (the validator would log it and go on). */
    private static void checkPatterns(JsonNode node, String at) {
        if (node.isArray()) {
            node.forEach(n -> checkPatterns(n, at));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        node.fields().forEachRemaining(e -> {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (k.equals("pattern") && v.isTextual()) {
                compile(v.asText(), at);
            } else if (k.equals("patternProperties") && v.isObject()) {
                v.fieldNames().forEachRemaining(p -> compile(p, at));
                checkPatterns(v, at);
            } else if (!VALUES.contains(k)) {
                checkPatterns(v, at);
            }
        });
    }

    private static void compile(String regex, String at) {
        try {
            re2(regex);
        } catch (IllegalArgumentException e) {
            throw new CheckSpecException(at + ": 'schema' cannot be used: " + e.getMessage());
        }
    }

    /** {@code pattern} and {@code patternProperties} on RE2/J: unanchored, as JSON Schema says, and linear in time. */
    private static RegularExpression re2(String regex) {
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("pattern '" + regex + "': " + e.getDescription()
                    + " (RE2 syntax: no backreferences or lookaround)");
        }
        return s -> p.matcher(s).find();
    }
}
