package dev.qwenwb.app.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A request the server refuses, answered in OpenAI's error shape
 * {@code {"error": {"message", "type", "param", "code"}}} with its HTTP status. The types are those llama.cpp's server
 * and OpenAI use.
 */
final class ApiError extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    ApiError(int status, String type, String message, String param, String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    /** 400: the request is malformed; {@code param} names the field (null for the body as a whole). */
    static ApiError invalid(String param, String message) {
        return new ApiError(400, "invalid_request_error", message, param, null);
    }

    /** 400 for a feature this server does not offer. */
    static ApiError unsupported(String param, String what) {
        return new ApiError(400, "invalid_request_error", what + " is not supported by this server", param,
                "unsupported_parameter");
    }

    int status() {
        return status;
    }

    /** @return the error body */
    ObjectNode body() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", getMessage());
        e.put("type", type);
        e.put("param", param);
        e.put("code", code);
        return root;
    }
}
