package dev.qwenwb.inference.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a refused request into one line a user can act on, reading the Hub's {@code X-Error-Code} the way
 * huggingface_hub's {@code hf_raise_for_status} does ({@code RepoNotFound}, {@code RevisionNotFound},
 * {@code EntryNotFound}, {@code GatedRepo}).
 */
final class HubErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private HubErrors() {
    }

    /** @return true for answers worth retrying (timeouts, rate limits, server errors) */
    static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * @param ctx    what was asked
     * @param status HTTP status (not 2xx)
     * @param file   the file asked for, or null for the repo listing
     */
    static HubException forStatus(Context ctx, int status, HttpHeaders headers, String body, String file) {
        String code = headers.firstValue("X-Error-Code").orElse("");
        String server = serverMessage(headers, body);
        String repo = ctx.repoId() + "@" + ctx.revision();
        String host = ctx.endpoint().getHost();
        String tokenHint = ctx.source() == HubSource.HUGGING_FACE ? "HF_TOKEN or --token" : "MODELSCOPE_API_TOKEN or --token";
        String page = ctx.endpoint() + "/" + ctx.repoId();
        String why = server.isEmpty() ? "" : " [" + server + "]";
        if (code.equals("GatedRepo") || status == 403 && server.toLowerCase(Locale.ROOT).contains("gated")) {
            return new HubException(HubException.Kind.FORBIDDEN, ctx.repoId() + " is gated: accept its conditions at "
                    + page + " while signed in, then use a token of that account (" + tokenHint + ")" + why);
        }
        switch (status) {
            case 401:
                if (ctx.hasToken() && server.toLowerCase(Locale.ROOT).contains("invalid credentials")) {
                    return new HubException(HubException.Kind.UNAUTHORIZED, host + " refused the token (invalid "
                            + "credentials) for " + ctx.repoId() + "; check " + tokenHint + why);
                }
                return new HubException(HubException.Kind.UNAUTHORIZED, ctx.repoId() + ": " + host
                        + " answered 401 Unauthorized: the repository is private or gated, or does not exist"
                        + (ctx.hasToken() ? "; the token given has no access to it" : "; a token is needed ("
                        + tokenHint + ")") + why);
            case 403:
                return new HubException(HubException.Kind.FORBIDDEN, ctx.repoId() + ": " + host
                        + " answered 403 Forbidden" + (ctx.hasToken() ? ": the token has no access to it"
                        : ": it may need a token (" + tokenHint + ")") + why);
            case 404:
                if (code.equals("RevisionNotFound")) {
                    return new HubException(HubException.Kind.NOT_FOUND, ctx.repoId() + " has no revision '"
                            + ctx.revision() + "' at " + host);
                }
                if (code.equals("EntryNotFound") || file != null && !code.equals("RepoNotFound")) {
                    return new HubException(HubException.Kind.NOT_FOUND, repo + " has no file '" + file + "' at "
                            + host + why);
                }
                if (code.equals("RepoNotFound")) {
                    return new HubException(HubException.Kind.NOT_FOUND, "no repository " + ctx.repoId() + " at "
                            + ctx.endpoint() + " (check the id; a private repo needs a token)");
                }
                return new HubException(HubException.Kind.NOT_FOUND, "no repository " + ctx.repoId()
                        + " or no revision '" + ctx.revision() + "' at " + ctx.endpoint() + " (404)" + why);
            case 416:
                return new HubException(HubException.Kind.FAILED, repo + ": " + host + " refused the byte range "
                        + "asked for " + file + " (416)");
            case 429:
                return new HubException(HubException.Kind.NETWORK, host + " is rate-limiting (429); wait a minute "
                        + "and run again" + why);
            default:
                return new HubException(status >= 500 ? HubException.Kind.NETWORK : HubException.Kind.FAILED,
                        repo + ": " + host + " answered HTTP " + status + (file == null ? "" : " for " + file)
                        + why);
        }
    }

    /** @return true if the answer is a web page rather than an API response */
    static boolean isHtml(HttpHeaders headers, String body) {
        String type = headers.firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        String start = body == null ? "" : body.stripLeading();
        return type.contains("html") || start.startsWith("<");
    }

    /** The message for an endpoint that answered the API with a web page (a portal, a login page, a wrong URL). */
    static HubException html(Context ctx, URI asked, String body) {
        String title = title(body);
        String variable = ctx.source().endpointVariable();
        return new HubException(HubException.Kind.PROTOCOL, ctx.endpoint() + " answered " + asked.getPath()
                + " with an HTML page" + (title.isEmpty() ? "" : " (\"" + title + "\")") + " instead of the "
                + (ctx.source() == HubSource.HUGGING_FACE ? "Hub API" : "ModelScope API")
                + "; is it a mirror of " + ctx.source().defaultEndpoint() + "? (check --endpoint / " + variable + ")");
    }

    private static String title(String html) {
        if (html == null) {
            return "";
        }
        Matcher m = TITLE.matcher(html);
        return m.find() ? oneLine(m.group(1), 80) : "";
    }

    /** The server's own reason: {@code X-Error-Message}, else a JSON {@code error}/{@code Message}, shortened. */
    static String serverMessage(HttpHeaders headers, String body) {
        String m = headers.firstValue("X-Error-Message").orElse("");
        if (m.isEmpty() && body != null && body.stripLeading().startsWith("{")) {
            try {
                JsonNode n = JSON.readTree(body);
                for (String f : new String[] {"error", "Message", "message"}) {
                    if (n.path(f).isTextual()) {
                        m = n.path(f).asText();
                        break;
                    }
                }
            } catch (java.io.IOException e) {
                // not JSON after all: no server message
            }
        }
        return oneLine(m, 200);
    }

    static String oneLine(String s, int max) {
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > max ? t.substring(0, max) + "…" : t;
    }

    /**
     * What a request was about, for messages.
     *
     * @param source   Hub or ModelScope
     * @param endpoint the endpoint asked
     * @param repoId   repo
     * @param revision revision asked for
     * @param hasToken whether a token was sent
     */
    record Context(HubSource source, URI endpoint, String repoId, String revision, boolean hasToken) {
    }
}
