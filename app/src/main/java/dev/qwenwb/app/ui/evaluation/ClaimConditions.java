package dev.qwenwb.app.ui.evaluation;

import dev.qwenwb.app.demo.DemoModel;
import dev.qwenwb.app.ui.common.I18n;
import dev.qwenwb.evaluation.report.ConfigSummary;
import dev.qwenwb.evaluation.report.RunSummary;
import dev.qwenwb.evaluation.suite.Claim;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sets each claim beside each configuration's measured value and says where the conditions differ: a CPU where the
 * claim was made on GPUs, the demo model's random weights, another precision, another prompt length, a replay that
 * times nothing.
 */
public final class ClaimConditions {

    private static final Pattern PROMPT_TOKENS = Pattern.compile("prompt\\s*=\\s*(\\d+)\\s*tokens");
    private static final Pattern GPU_MODEL = Pattern.compile("(\\d{4}D(\\s*x\\s*\\d+)?)");

    private ClaimConditions() {
    }

    /** @return one row per claim of the run's suite */
    public static List<ClaimRow> rows(RunSummary s) {
        List<ClaimRow> out = new ArrayList<>();
        for (Claim claim : s.info().claims()) {
            List<ClaimRow.Measured> cells = new ArrayList<>();
            for (ConfigSummary c : s.configs()) {
                Map<String, String> settings = s.info().configs().getOrDefault(c.name(), Map.of());
                cells.add(new ClaimRow.Measured(c.name(), s.measured(claim, c), device(settings),
                        differences(claim, s, c, settings)));
            }
            out.add(new ClaimRow(claim, cells));
        }
        return out;
    }

    /** @return where a configuration ran: the backend's description, else its backend setting */
    static String device(Map<String, String> settings) {
        String d = settings.get("description");
        if (d != null && !d.isBlank()) {
            return d;
        }
        return settings.getOrDefault("backend", "engine") + (settings.containsKey("device")
                ? " · " + settings.get("device") : "");
    }

    /** @return the differences between the claim's conditions and the configuration's, in words */
    static List<String> differences(Claim claim, RunSummary s, ConfigSummary c, Map<String, String> settings) {
        List<String> out = new ArrayList<>();
        String backend = settings.getOrDefault("backend", "engine");
        boolean pass = claim.metric().endsWith("pass_rate");
        if (backend.startsWith("replay:")) {
            if (!pass) {
                out.add(I18n.t("eval.claims.replay"));
            }
            return out;
        }
        String where = (claim.note() + " " + claim.claimed());
        String device = device(settings).toLowerCase(Locale.ROOT);
        boolean claimOnGpu = where.toLowerCase(Locale.ROOT).contains("gpu") || where.matches("(?s).*\\d{4}D.*");
        if (!pass && claimOnGpu && !device.contains("cuda")) {
            Matcher m = GPU_MODEL.matcher(where);
            out.add(I18n.t("eval.claims.cpu", m.find() ? m.group(1) : "GPU"));
        }
        if (randomWeights(settings.get("model"))) {
            out.add(I18n.t("eval.claims.random"));
        }
        String dtype = describedDtype(device); // what the engine chose (auto measures), else the setting
        if (dtype.isEmpty()) {
            dtype = settings.getOrDefault("dtype", "");
        }
        if (!pass && where.toUpperCase(Locale.ROOT).contains("FP16") && !dtype.equalsIgnoreCase("f16")) {
            out.add(I18n.t("eval.claims.dtype", dtype.isEmpty() ? "?" : dtype));
        }
        Matcher m = PROMPT_TOKENS.matcher(claim.claimed() + " " + claim.note());
        if (m.find() && claim.metric().equals("ttft_ms")) {
            double median = c.metrics().get("prompt_tokens").median();
            int claimed = Integer.parseInt(m.group(1));
            if (!Double.isNaN(median) && Math.abs(median - claimed) > 0.2 * claimed) {
                out.add(I18n.t("eval.claims.prompt", Math.round(median), claimed));
            }
        }
        if (pass && !s.info().suiteName().toLowerCase(Locale.ROOT).startsWith("humaneval")) {
            out.add(I18n.t("eval.claims.otherSuite"));
        }
        return out;
    }

    /** @return the dtype in a description such as "demo on cpu (f32)", or "" */
    private static String describedDtype(String device) {
        int open = device.lastIndexOf('(');
        return open >= 0 && device.endsWith(")") ? device.substring(open + 1, device.length() - 1) : "";
    }

    /** @return whether a model folder is the demo model (its README says random weights) */
    static boolean randomWeights(String model) {
        if (model == null || model.isBlank() || model.equals(ConfigurationViewModel.DEMO)) {
            return model != null && model.equals(ConfigurationViewModel.DEMO);
        }
        Path readme = Path.of(model).resolve("README.md");
        try {
            return Files.isRegularFile(readme) && Files.readString(readme).contains(DemoModel.LABEL);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
