package dev.qwenwb.inference.gguf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Physical CPU cores, the thread count llama.cpp decodes fastest with (SMT siblings share the memory bandwidth and
 * the vector units). Linux: distinct {@code thread_siblings_list} entries of the CPUs this process may use; elsewhere
 * (or when the topology cannot be read) the logical processors.
 */
public final class CpuCores {

    private CpuCores() {
    }

    /** @return at least 1, at most {@link Runtime#availableProcessors()} */
    public static int physical() {
        int logical = Runtime.getRuntime().availableProcessors();
        Path cpus = Path.of("/sys/devices/system/cpu");
        if (!Files.isDirectory(cpus)) {
            return logical;
        }
        Set<String> cores = new HashSet<>();
        try (var list = Files.list(cpus)) {
            for (Path cpu : (Iterable<Path>) list::iterator) {
                String name = cpu.getFileName().toString();
                Path siblings = cpu.resolve("topology/thread_siblings_list");
                if (name.matches("cpu[0-9]+") && Files.isReadable(siblings)) {
                    cores.add(Files.readString(siblings).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return logical;
        }
        int physical = cores.isEmpty() ? logical : cores.size();
        // a container limited to fewer CPUs than the machine has: never more threads than it may use
        return Math.max(1, Math.min(physical, logical));
    }
}
