package dev.qwenwb.evaluation.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of a run: a name and its settings. {@code backend} is {@code engine} (needs {@code model}),
 * {@code openai:BASE_URL} (an OpenAI-compatible endpoint; needs {@code model}, the name it serves) or
 * {@code replay:FILE}. Sampling is greedy unless {@code temperature} &gt; 0 is given.
 *
 * @param name the column name in reports
 * @param settings keys: backend, model, device, dtype, context, threads, max_tokens, temperature, top_p,
 *                 top_k, repetition_penalty, seed, response_format ({@code text}, {@code json_object} or
 *                 {@code json_schema}) and json_schema (a schema file or inline JSON); for {@code openai:}, api_key
 *                 (else OPENAI_API_KEY) and concurrency (generations in flight, default 1)
 */
public record RunConfig(String name, Map<String, String> settings) {

    /** Copies the settings, keeping their order. */
    public RunConfig {
        if (name == null || !name.matches("[\\w.+-]+")) {
            throw new IllegalArgumentException("configuration name '" + name
                    + "': use letters, digits, '.', '_', '+' or '-'");
        }
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * Parses {@code NAME=key=value,key=value}; {@code model} defaults to {@code defaultModel}, the backend to
     * the engine.
     *
     * @param spec the option value
     * @param defaultModel the {@code --model} given beside, or null
     * @return the configuration
     * @throws IllegalArgumentException naming the bad part
     */
    public static RunConfig parse(String spec, String defaultModel) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--config '" + spec + "': expected NAME=key=value,… (e.g. "
                    + "greedy=max_tokens=256 or old=backend=replay:answers.jsonl)");
        }
        Map<String, String> s = new LinkedHashMap<>();
        for (String part : parts(spec.substring(eq + 1))) {
            if (part.isBlank()) {
                continue;
            }
            int e = part.indexOf('=');
            if (e <= 0) {
                throw new IllegalArgumentException("--config '" + spec + "': '" + part + "' is not key=value");
            }
            s.put(part.substring(0, e).trim().replace('-', '_'), part.substring(e + 1).trim());
        }
        if (!s.containsKey("model") && defaultModel != null && !s.getOrDefault("backend", "").startsWith("replay:")) {
            s.put("model", defaultModel);
        }
        return new RunConfig(spec.substring(0, eq), s);
    }

    /** Splits at the commas outside JSON brackets and strings, so {@code json_schema={"a": 1, "b": 2}} stays whole. */
    private static java.util.List<String> parts(String s) {
        java.util.List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"' && depth > 0) {
                quoted = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /** @return the backend setting: {@code engine}, {@code openai:BASE_URL} or {@code replay:FILE} */
    public String backend() {
        return settings.getOrDefault("backend", "engine");
    }

    /** @return how errors name setting {@code key}: {@code configuration 'NAME': key} */
    public String where(String key) {
        return "configuration '" + name + "': " + key;
    }

    /** @return the setting or {@code fallback} */
    public String get(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }

    /** @return the integer setting or {@code fallback}; bad numbers name the configuration */
    public int intValue(String key, int fallback) {
        String v = settings.get(key);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration '" + name + "': " + key + "=" + v + " is not an integer");
        }
    }

    /** @return the decimal setting or {@code fallback} */
    public double doubleValue(String key, double fallback) {
        String v = settings.get(key);
        try {
            return v == null ? fallback : Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration '" + name + "': " + key + "=" + v + " is not a number");
        }
    }
}
