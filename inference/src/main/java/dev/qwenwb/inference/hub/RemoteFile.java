package dev.qwenwb.inference.hub;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One file of a repo listing.
 *
 * @param path   path inside the repo, {@code /}-separated (checked: no absolute paths, no {@code ..})
 * @param size   bytes, or -1 when the listing does not say
 * @param sha256 the content's sha256 (Hub: LFS files only; ModelScope: every file), lower-case hex, or null
 * @param gitOid the git blob id (Hub: every file), or null
 */
public record RemoteFile(String path, long size, String sha256, String gitOid) {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");

    /** Checks the path and normalises the digests. */
    public RemoteFile {
        checkPath(path);
        sha256 = hexOrNull(sha256, HEX64);
        gitOid = hexOrNull(gitOid, HEX40);
    }

    /** @return the blob name the cache uses when the server sends no etag: sha256 if known, else the git id */
    public String etag() {
        return sha256 != null ? sha256 : gitOid;
    }

    private static String hexOrNull(String s, Pattern p) {
        if (s == null) {
            return null;
        }
        String h = s.trim().toLowerCase(Locale.ROOT);
        return p.matcher(h).matches() ? h : null;
    }

    /** Refuses paths that would land outside a snapshot folder. */
    static void checkPath(String path) {
        boolean bad = path == null || path.isEmpty() || path.startsWith("/") || path.contains("\\")
                || path.indexOf('\0') >= 0 || path.indexOf(':') >= 0;
        if (!bad) {
            for (String part : path.split("/", -1)) {
                if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                    bad = true;
                    break;
                }
            }
        }
        if (bad) {
            throw new HubException(HubException.Kind.PROTOCOL, "the server listed a file named '" + path
                    + "', which is not a safe relative path; refusing to write it");
        }
    }
}
