package dev.qwenwb.inference.util;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * Jackson's parse errors in words for one line: its message without the repeated location, the
 * "{@code [Source: REDACTED (StreamReadFeature…)}" note and the line breaks.
 */
public final class JsonErrors {

    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");

    private JsonErrors() {
    }

    /**
     * @param e a parse error
     * @return {@code LINE:COLUMN} where Jackson stopped, or null if it does not say
     */
    public static String position(JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        if (l == null || l.getLineNr() < 1) {
            return null;
        }
        return l.getLineNr() + ":" + Math.max(1, l.getColumnNr());
    }

    /**
     * @param e a parse error
     * @return what Jackson found wrong, on one line ("Unexpected character ('o' (code 111)): was expecting
     *         double-quote to start field name")
     */
    public static String message(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        m = SOURCE.matcher(m).replaceAll("line $1, column $2");
        return m.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
