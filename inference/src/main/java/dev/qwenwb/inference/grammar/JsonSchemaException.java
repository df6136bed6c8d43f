package dev.qwenwb.inference.grammar;

/** A JSON schema the grammar converter cannot take: names the keyword and where it stands. */
public final class JsonSchemaException extends IllegalArgumentException {

    private final String keyword;

    JsonSchemaException(String keyword, String path, String why) {
        super(path + ": " + why);
        this.keyword = keyword;
    }

    /** @return the schema keyword at fault (e.g. {@code $ref}, {@code type}) */
    public String keyword() {
        return keyword;
    }
}
