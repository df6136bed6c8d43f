/**
 * Model downloads: the Hugging Face Hub protocol (and mirrors through {@code HF_ENDPOINT}) and ModelScope, into
 * the standard Hugging Face cache layout shared with Python tools — resumable, verified, with progress — plus the
 * catalog of known models and the list of installed ones.
 *
 * <p>Entry points: {@link dev.qwenwb.inference.hub.SnapshotDownloader} (download), {@link
 * dev.qwenwb.inference.hub.InstalledModels} (list, resolve {@code org/name[@rev]} to a folder, delete), {@link
 * dev.qwenwb.inference.hub.ModelCatalog}, {@link dev.qwenwb.inference.hub.HubSettings} (endpoint, token, proxy,
 * cache).
 */
package dev.qwenwb.inference.hub;
