package dev.qwenwb.inference.hub;

import java.util.List;

/**
 * What a source says a revision of a repo holds.
 *
 * @param repoId   {@code org/name}
 * @param revision the revision asked for (branch, tag or commit)
 * @param commit   the commit it resolves to; names the snapshot folder
 * @param files    every file of that commit
 */
public record RepoListing(String repoId, String revision, String commit, List<RemoteFile> files) {

    /** Copies the list. */
    public RepoListing {
        files = List.copyOf(files);
    }
}
