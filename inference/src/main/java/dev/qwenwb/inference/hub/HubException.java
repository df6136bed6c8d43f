package dev.qwenwb.inference.hub;

/** A download that cannot go on, with a one-line message a user can act on. */
public class HubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for exit codes and for deciding whether to retry. */
    public enum Kind {
        /** The user's input is wrong (repo id, revision, glob, endpoint, cache folder). */
        BAD_INPUT,
        /** 401: a token is needed, or the one given is wrong. */
        UNAUTHORIZED,
        /** 403: gated repo or a token without access. */
        FORBIDDEN,
        /** 404: no such repo, revision or file. */
        NOT_FOUND,
        /** The server could not be reached, or the connection broke and retries ran out. */
        NETWORK,
        /** The endpoint answered, but not as the Hub/ModelScope API does (an HTML page, no commit, …). */
        PROTOCOL,
        /** A downloaded file's size or sha256 does not match; the partial file was deleted. */
        VERIFY,
        /** Not enough free disk space. */
        DISK_SPACE,
        /** The user cancelled; partial files stay and resume next time. */
        CANCELLED,
        /** Anything else the server or the file system refused. */
        FAILED
    }

    private final Kind kind;

    /** @param message one line, naming the repo/file and what to do */
    public HubException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** @param message one line, naming the repo/file and what to do */
    public HubException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** @return the kind of failure */
    public Kind kind() {
        return kind;
    }
}
