package dev.qwenwb.inference.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Hugging Face Hub protocol, as huggingface_hub speaks it (also what mirrors such as hf-mirror.com serve):
 * <ul>
 *   <li>repo info {@code GET {endpoint}/api/models/{repo}/revision/{rev}?blobs=true}: {@code sha} (the commit) and
 *       {@code siblings[]} with {@code rfilename}, {@code size}, {@code blobId} (git id) and, for LFS files,
 *       {@code lfs.sha256}/{@code lfs.size};</li>
 *   <li>file metadata {@code HEAD {endpoint}/{repo}/resolve/{commit}/{path}}, relative redirects followed, a
 *       redirect to another host (the CDN, for LFS files) kept: {@code X-Repo-Commit}, {@code X-Linked-Etag} else
 *       {@code ETag} (quotes and {@code W/} stripped), {@code X-Linked-Size} else {@code Content-Length};</li>
 *   <li>the bytes from the redirect's {@code Location} (without the token: another host), or the resolve address.</li>
 * </ul>
 */
final class HuggingFaceApi extends SourceApi {

    HuggingFaceApi(HubSettings settings) {
        super(settings, settings.token() == null ? Map.of() : Map.of("Authorization", "Bearer " + settings.token()));
    }

    @Override
    RepoListing list(String repoId, String revision) {
        HubErrors.Context ctx = context(repoId, revision);
        URI uri = URI.create(settings.endpoint() + "/api/models/" + repoId + "/revision/" + encode(revision, false)
                + "?blobs=true");
        JsonNode info = getJson(uri, ctx);
        String commit = info.path("sha").asText("");
        if (!RepoRef.isCommitHash(commit)) {
            throw new HubException(HubException.Kind.PROTOCOL, settings.endpoint() + " listed " + repoId
                    + " without a commit hash ('sha'); is it a Hub mirror? (check --endpoint / HF_ENDPOINT)");
        }
        JsonNode siblings = info.path("siblings");
        if (!siblings.isArray()) {
            throw new HubException(HubException.Kind.PROTOCOL, settings.endpoint() + " listed " + repoId
                    + " without its files ('siblings'); is it a Hub mirror? (check --endpoint / HF_ENDPOINT)");
        }
        List<RemoteFile> files = new ArrayList<>();
        for (JsonNode s : siblings) {
            JsonNode lfs = s.path("lfs");
            long size = s.path("size").asLong(lfs.path("size").asLong(-1));
            files.add(new RemoteFile(s.path("rfilename").asText(""), size,
                    lfs.isObject() ? lfs.path("sha256").asText(null) : null, s.path("blobId").asText(null)));
        }
        return new RepoListing(repoId, revision, commit, files);
    }

    @Override
    FileSource locate(RepoListing listing, RemoteFile file) {
        HubErrors.Context ctx = context(listing.repoId(), listing.revision());
        URI resolve = URI.create(settings.endpoint() + "/" + listing.repoId() + "/resolve/" + listing.commit() + "/"
                + encodePath(file.path()));
        HttpResponse<Void> head = retrying(() -> {
            HttpResponse<Void> r = http.head(resolve);
            if (HubErrors.retryable(r.statusCode())) {
                throw HubErrors.forStatus(ctx, r.statusCode(), r.headers(), "", file.path());
            }
            return r;
        });
        int status = head.statusCode();
        Optional<URI> location = HubHttp.redirect(head, resolve);
        if (status / 100 != 2 && location.isEmpty()) {
            throw HubErrors.forStatus(ctx, status, head.headers(), "", file.path());
        }
        HttpHeaders h = head.headers();
        String etag = normalizeEtag(h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).orElse(null));
        if (etag == null || etag.isEmpty() || etag.contains("/")) {
            etag = file.etag();
        }
        if (etag == null) {
            throw new HubException(HubException.Kind.PROTOCOL, listing.repoId() + ": " + settings.endpoint().getHost()
                    + " sent no ETag for " + file.path() + ", so it cannot be stored in the cache");
        }
        long size = parse(h.firstValue("X-Linked-Size"))
                .orElse(location.isEmpty() ? parse(h.firstValue("Content-Length")).orElse(file.size()) : file.size());
        return new FileSource(location.orElse(resolve), etag, size);
    }

    /** huggingface_hub's {@code _normalize_etag}: {@code W/"x"} and {@code "x"} become {@code x}. */
    static String normalizeEtag(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.replace("\"", "");
    }

    private static OptionalLong parse(Optional<String> v) {
        try {
            return v.isPresent() ? OptionalLong.of(Long.parseLong(v.get().trim())) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
