package dev.qwenwb.inference.hub;

import java.nio.file.Path;
import java.util.Map;

/**
 * The Hugging Face hub cache folder, shared with Python tools ({@code huggingface_hub}, {@code transformers},
 * {@code huggingface-cli}): each repo in {@code models--{org}--{name}/} with {@code blobs/}, {@code snapshots/} and
 * {@code refs/} (see {@link CachedRepo}), lock files under {@code .locks/}.
 *
 * @param root the cache folder (it need not exist yet)
 */
public record HubCache(Path root) {

    /** Checks the root. */
    public HubCache {
        if (root == null) {
            throw new IllegalArgumentException("the hub cache folder is required");
        }
        root = root.toAbsolutePath().normalize();
    }

    /** @return the cache this process uses, from the real environment (see {@link #defaultRoot(Map)}) */
    public static HubCache fromEnvironment() {
        return new HubCache(defaultRoot(System.getenv()));
    }

    /**
     * Where huggingface_hub puts its cache: {@code $HF_HUB_CACHE}, else {@code $HUGGINGFACE_HUB_CACHE}, else
     * {@code $HF_HOME/hub}, else {@code $XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub};
     * {@code ~} is {@code $HOME} as Python's {@code expanduser} reads it (the JVM's {@code user.home} comes from the
     * password database and ignores {@code HOME}), else {@code user.home}.
     *
     * @param env environment variables
     * @return the cache folder
     */
    public static Path defaultRoot(Map<String, String> env) {
        String hub = firstSet(env, "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE");
        if (hub != null) {
            return expandHome(hub, env);
        }
        return hfHome(env).resolve("hub");
    }

    /** @return {@code $HF_HOME}, else {@code $XDG_CACHE_HOME/huggingface}, else {@code ~/.cache/huggingface} */
    static Path hfHome(Map<String, String> env) {
        String home = firstSet(env, "HF_HOME");
        if (home != null) {
            return expandHome(home, env);
        }
        String xdg = firstSet(env, "XDG_CACHE_HOME");
        Path cache = xdg != null ? expandHome(xdg, env) : userHome(env).resolve(".cache");
        return cache.resolve("huggingface");
    }

    static String firstSet(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static Path expandHome(String p, Map<String, String> env) {
        if (p.equals("~") || p.startsWith("~/")) {
            return Path.of(userHome(env) + p.substring(1));
        }
        return Path.of(p);
    }

    /** @return {@code $HOME} when set (as Python's clients read it), else the JVM's {@code user.home} */
    static Path userHome(Map<String, String> env) {
        String home = firstSet(env, "HOME");
        return Path.of(home != null ? home : System.getProperty("user.home"));
    }

    /** @return the folder of one repo's files (it need not exist) */
    public CachedRepo repo(String repoId) {
        RepoRef ref = new RepoRef(repoId, null);
        return new CachedRepo(this, ref.repoId(), root.resolve(ref.folderName()));
    }

    /** @return the folder of lock files for one repo, as huggingface_hub keeps them ({@code .locks/models--…}) */
    Path locks(String repoId) {
        return root.resolve(".locks").resolve(new RepoRef(repoId, null).folderName());
    }
}
