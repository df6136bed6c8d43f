package dev.qwenwb.inference.llamacpp;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The process {@link GpuProbe} starts: loads a library set's ggml and its backends (not llama) from a folder and
 * answers on its standard output, one line per backend ({@code backend\tNAME}) and per device
 * ({@link GgufDevice#toLine()}). Its own process, so that a driver that crashes or hangs, and the GPU libraries
 * themselves, stay out of the app's.
 */
public final class GpuProbeChild {

    private GpuProbeChild() {
    }

    /** @param args the folder of the set */
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Map<String, Object> options = Map.of(com.sun.jna.Library.OPTION_STRING_ENCODING, "UTF-8");
        NativeLibrary.getInstance(LlamaNatives.find(dir, "ggml-base").toString(), options);
        GgmlLibrary ggml = Native.load(LlamaNatives.find(dir, "ggml").toString(), GgmlLibrary.class, options);
        ggml.ggml_backend_load_all_from_path(dir.toString());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        for (long i = 0; i < ggml.ggml_backend_reg_count(); i++) {
            out.println("backend\t" + ggml.ggml_backend_reg_name(ggml.ggml_backend_reg_get(i)));
        }
        for (GgufDevice d : GgufDevices.list(ggml)) {
            out.println(d.toLine());
        }
        out.flush();
        // skip the backends' static destructors (some drivers misbehave at exit); the answer is out
        Runtime.getRuntime().halt(0);
    }
}
