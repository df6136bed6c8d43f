package dev.qwenwb.inference.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ModelScope's API, as its own Python client ({@code modelscope.hub}) uses it:
 * <ul>
 *   <li>files: {@code GET {endpoint}/api/v1/models/{id}/repo/files?Revision={rev}&Recursive=true}, answering
 *       {@code {"Code":200,"Success":true,"Data":{"Files":[{"Path","Name","Type","Size","Sha256","Revision",
 *       "CommittedDate"},…]}}} ({@code Type} {@code tree} entries are folders; {@code .gitignore} and
 *       {@code .gitattributes} are skipped, as the client skips them);</li>
 *   <li>bytes: {@code GET {endpoint}/api/v1/models/{id}/repo?Revision={rev}&FilePath={path}}, with {@code Range}
 *       to resume; each file verified against its {@code Sha256}.</li>
 * </ul>
 * Into the Hugging Face cache layout: blobs are named by their sha256 (so LFS files are shared with Hub downloads
 * of the same weights); the snapshot folder is named by the newest commit among the files ({@code Revision} of the
 * entry with the latest {@code CommittedDate}), or, if the listing carries none, by a digest of the listing.
 * The token ({@code MODELSCOPE_API_TOKEN}) goes as {@code Authorization: Bearer} and as the {@code m_session_id}
 * cookie the client sends, to the endpoint's host only.
 */
final class ModelScopeApi extends SourceApi {

    ModelScopeApi(HubSettings settings) {
        super(settings, settings.token() == null ? Map.of() : Map.of("Authorization", "Bearer " + settings.token(),
                "Cookie", "m_session_id=" + settings.token()));
    }

    @Override
    RepoListing list(String repoId, String revision) {
        HubErrors.Context ctx = context(repoId, revision);
        URI uri = URI.create(settings.endpoint() + "/api/v1/models/" + repoId + "/repo/files?Revision="
                + encode(revision, true) + "&Recursive=true");
        JsonNode body = getJson(uri, ctx);
        boolean ok = body.path("Success").asBoolean(true) && body.path("Code").asInt(200) == 200;
        JsonNode filesNode = body.path("Data").path("Files");
        if (!ok) {
            String msg = HubErrors.oneLine(body.path("Message").asText(""), 200);
            String low = msg.toLowerCase(Locale.ROOT);
            boolean missing = low.contains("not exist") || low.contains("not found") || msg.contains("不存在");
            throw new HubException(missing ? HubException.Kind.NOT_FOUND : HubException.Kind.FAILED,
                    (missing ? "no repository " + repoId + " or no revision '" + revision + "' at " : repoId
                            + ": refused by ") + settings.endpoint() + (msg.isEmpty() ? "" : " [" + msg + "]"));
        }
        if (!filesNode.isArray() && !filesNode.isNull() && !filesNode.isMissingNode()) {
            throw new HubException(HubException.Kind.PROTOCOL, settings.endpoint() + " listed " + repoId
                    + " without 'Data.Files'; is it ModelScope? (check --endpoint / MODELSCOPE_DOMAIN)");
        }
        List<RemoteFile> files = new ArrayList<>();
        String newest = null;
        long newestDate = Long.MIN_VALUE;
        for (JsonNode f : filesNode) {
            String name = f.path("Name").asText("");
            if ("tree".equals(f.path("Type").asText("")) || name.equals(".gitignore") || name.equals(".gitattributes")) {
                continue;
            }
            files.add(new RemoteFile(f.path("Path").asText(""), f.path("Size").asLong(-1),
                    f.path("Sha256").asText(null), null));
            String rev = f.path("Revision").asText("").toLowerCase(Locale.ROOT);
            long date = f.path("CommittedDate").asLong(Long.MIN_VALUE);
            if (RepoRef.isCommitHash(rev) && (newest == null || date > newestDate)) {
                newest = rev;
                newestDate = date;
            }
        }
        String commit = RepoRef.isCommitHash(revision) ? revision : newest != null ? newest : digest(files);
        return new RepoListing(repoId, revision, commit, files);
    }

    @Override
    FileSource locate(RepoListing listing, RemoteFile file) {
        URI uri = URI.create(settings.endpoint() + "/api/v1/models/" + listing.repoId() + "/repo?Revision="
                + encode(listing.revision(), true) + "&FilePath=" + encode(file.path(), true));
        String etag = file.sha256();
        if (etag == null) { // no hash listed: a stable name, verified by size only
            etag = digestOf("modelscope " + listing.repoId() + " " + listing.commit() + " " + file.path());
        }
        return new FileSource(uri, etag, file.size());
    }

    private static String digest(List<RemoteFile> files) {
        StringBuilder b = new StringBuilder();
        files.stream().sorted(java.util.Comparator.comparing(RemoteFile::path))
                .forEach(f -> b.append(f.path()).append('\0').append(f.size()).append('\0').append(f.sha256()).append('\n'));
        return digestOf(b.toString());
    }

    private static String digestOf(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
