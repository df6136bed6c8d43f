package dev.qwenwb.inference.engine;

import java.util.Locale;

/**
 * A device as the user names it: {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N}.
 *
 * @param kind  "auto", "cpu" or "cuda"
 * @param index the CUDA device index (0 unless given)
 */
public record DeviceSpec(String kind, int index) {

    /** Parses the command-line form; throws with the accepted forms on anything else. */
    public static DeviceSpec parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("auto") || v.equals("cpu") || v.equals("cuda")) {
            return new DeviceSpec(v, 0);
        }
        if (v.startsWith("cuda:") || v.startsWith("gpu:")) {
            try {
                int n = Integer.parseInt(v.substring(v.indexOf(':') + 1));
                if (n >= 0) {
                    return new DeviceSpec("cuda", n);
                }
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("unknown device '" + s + "': expected auto, cpu, cuda or cuda:N");
    }

    public static DeviceSpec auto() {
        return new DeviceSpec("auto", 0);
    }

    @Override
    public String toString() {
        return kind.equals("cuda") && index != 0 ? "cuda:" + index : kind;
    }
}
