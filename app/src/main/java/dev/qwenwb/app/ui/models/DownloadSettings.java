package dev.qwenwb.app.ui.models;

import dev.qwenwb.inference.hub.HubSource;

/**
 * Where the Models view downloads from, kept with the app settings so that a mirror is entered once.
 *
 * @param source   {@code hf} or {@code modelscope} ({@link HubSource#id()}); anything else means the Hub
 * @param endpoint a mirror or other endpoint; empty for {@code HF_ENDPOINT}/{@code MODELSCOPE_DOMAIN} or the default
 */
public record DownloadSettings(String source, String endpoint) {

    public DownloadSettings {
        source = source == null ? HubSource.HUGGING_FACE.id() : source;
        endpoint = endpoint == null ? "" : endpoint.strip();
    }

    /** The Hub, with the environment's or the default endpoint. */
    public static DownloadSettings defaults() {
        return new DownloadSettings(HubSource.HUGGING_FACE.id(), "");
    }

    /** @return the source this names; the Hub for a value this build does not know */
    public HubSource hubSource() {
        try {
            return HubSource.parse(source);
        } catch (IllegalArgumentException e) {
            return HubSource.HUGGING_FACE;
        }
    }
}
