package dev.qwenwb.inference.hub;

import java.net.URI;

/**
 * Where one file's bytes come from and what they must be.
 *
 * @param url  the address to GET (a CDN address after the Hub's redirect, or the resolve address itself)
 * @param etag the blob name ({@code X-Linked-Etag}, else {@code ETag}, else from the listing)
 * @param size bytes ({@code X-Linked-Size}, else {@code Content-Length}, else from the listing); -1 if unknown
 */
public record FileSource(URI url, String etag, long size) {
}
