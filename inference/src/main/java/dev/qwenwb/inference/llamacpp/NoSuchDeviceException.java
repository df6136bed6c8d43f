package dev.qwenwb.inference.llamacpp;

import dev.qwenwb.inference.engine.DeviceSpec;

/**
 * A device was named that llama.cpp does not see: never a silent CPU run. The message is one line naming the
 * device asked for and the devices there are.
 */
public final class NoSuchDeviceException extends IllegalArgumentException {

    private final transient DeviceSpec spec;
    private final String detail;

    NoSuchDeviceException(DeviceSpec spec, String detail) {
        super("device '" + spec + "': " + detail);
        this.spec = spec;
        this.detail = detail;
    }

    /** @return the same line naming the setting as the user wrote it, e.g. {@code --device gpu: ...} */
    public String namingSetting(String setting) {
        return setting + " " + spec + ": " + detail;
    }
}
