package dev.qwenwb.inference.generate.decode;

import dev.qwenwb.inference.generate.GenerationHandle;
import dev.qwenwb.inference.generate.GenerationListener;
import dev.qwenwb.inference.generate.GenerationRequest;
import dev.qwenwb.inference.generate.GenerationResult;
import dev.qwenwb.inference.generate.PreparedRequest;
import dev.qwenwb.inference.generate.PromptTooLongException;
import dev.qwenwb.inference.util.ProcessMemory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one decode loop of the local engines. It owns, once for every engine: reuse of each sequence's cached prefix
 * (the longest common prefix of the new prompt and what the cache holds), the prompt's prefill, the sampling chain,
 * stop ids and stop strings, incremental detokenizing, cancellation and the stats. The engine only runs tokens
 * ({@link EngineContext}).
 *
 * <p>Several sequences step together: each {@link EngineContext#forward} call carries the next tokens of every
 * active sequence (a prompt's prefill beside other sequences' single decode tokens), and a generation joins a free
 * sequence slot, or leaves one, between steps. With one slot, generations run one after another, each reusing what
 * the one before left in the cache. The loop runs on the engine's {@link ModelThread} while it has work.
 */
public final class DecodeLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DecodeLoop.class);

    /** What the loop needs of the model beyond the context. */
    public interface Model {

        /** @return the request rendered, encoded and resolved against the model's defaults (model thread) */
        PreparedRequest prepare(GenerationRequest request);

        /** @return the model's load time, for the stats */
        long loadMs();

        /** @return the model's max_position_embeddings, for the too-long-prompt message */
        int maxPositions();

        /** @return device memory in use in MiB, -1 on the CPU */
        long deviceMemoryMb();
    }

    private final Supplier<EngineContext> contexts;
    private EngineContext ctx;                  // made at the first generation (model thread); null until then
    private final ModelThread thread;
    private final Model model;
    private final int[][] cachedIds;            // per slot: ids the cache holds, from position 0 (model thread)
    private final AtomicIntegerArray cachedCounts; // per slot, readable from any thread
    private final SequenceRun[] active;         // per slot: the run using it, null = free (model thread)
    private final ArrayDeque<SequenceRun> waiting = new ArrayDeque<>(); // guarded by this
    private boolean driving;                    // guarded by this: a drive task is queued or running

    /**
     * @param sequences how many generations may step together (the context's slots)
     * @param contexts  makes the engine's cache and forward pass for {@code sequences} slots, on the model thread at
     *                  the first generation (owned by the loop from then: {@link #close} frees it)
     * @param thread    the engine's model thread
     * @param model     prompt preparation and what the stats report
     */
    public DecodeLoop(int sequences, Supplier<EngineContext> contexts, ModelThread thread, Model model) {
        if (sequences <= 0) {
            throw new IllegalArgumentException("sequences must be > 0: " + sequences);
        }
        this.contexts = contexts;
        this.thread = thread;
        this.model = model;
        int n = sequences;
        this.cachedIds = new int[n][0];
        this.cachedCounts = new AtomicIntegerArray(n);
        this.active = new SequenceRun[n];
    }

    /**
     * Queues a generation; it joins the loop at the next step that has a free slot. The prompt is rendered and
     * encoded on the model thread; a prompt the model cannot take ends the generation with that error.
     */
    public GenerationHandle submit(GenerationRequest request, GenerationListener listener) {
        GenerationHandle handle = new GenerationHandle();
        SequenceRun run = new SequenceRun(request, listener, handle);
        boolean start;
        synchronized (this) {
            waiting.add(run);
            start = !driving;
            driving = true;
        }
        if (start) {
            thread.submit(this::drive);
        }
        return handle;
    }

    /** @return tokens the caches hold, over every slot */
    public int cachedTokens() {
        int sum = 0;
        for (int i = 0; i < cachedCounts.length(); i++) {
            sum += cachedCounts.get(i);
        }
        return sum;
    }

    /** Forgets what every free slot's cache holds (model thread). */
    public void reset() {
        for (int s = 0; s < active.length; s++) {
            if (active[s] == null) {
                forget(s);
            }
        }
    }

    /** Steps every active sequence until none is active and none waits. */
    private void drive() {
        while (true) {
            admit();
            List<SequenceRun> runs = new ArrayList<>(active.length);
            for (SequenceRun r : active) {
                if (r != null) {
                    runs.add(r);
                }
            }
            if (runs.isEmpty()) {
                synchronized (this) {
                    if (waiting.isEmpty()) {
                        driving = false;
                        return;
                    }
                }
                continue;
            }
            step(runs);
        }
    }

    /** Gives each waiting run a free slot (the one whose cache shares the longest prefix with its prompt). */
    private void admit() {
        while (true) {
            int free = freeSlots();
            SequenceRun run;
            synchronized (this) {
                if (free == 0 || waiting.isEmpty()) {
                    return;
                }
                run = waiting.poll();
            }
            PreparedRequest prepared;
            int slot = -1;
            try {
                if (ctx == null) {
                    ctx = contexts.get();
                }
                prepared = model.prepare(run.request);
                // the clock starts once the prompt is rendered and encoded, as it always has: TTFT is the prefill
                // and the first token's choice
                long t0 = System.nanoTime();
                int[] prompt = prepared.promptIds();
                if (prompt.length >= ctx.capacity()) {
                    throw new PromptTooLongException(prompt.length, ctx.capacity(), model.maxPositions());
                }
                ctx.checkTokens(prompt);
                slot = bestSlot(prompt);
                int reused = commonPrefix(cachedIds[slot], prompt);
                if (reused == prompt.length) {
                    reused--; // the last prompt token must run to give the next token's logits
                }
                reused = ctx.trim(slot, Math.min(reused, cachedIds[slot].length));
                setCached(slot, Arrays.copyOf(cachedIds[slot], reused));
                active[slot] = run;
                run.start(prepared, slot, reused, ctx, t0);
            } catch (RuntimeException | Error e) {
                if (slot >= 0) {
                    active[slot] = null;
                    forget(slot);
                }
                run.handle.finish(run.listener, null, e);
            }
        }
    }

    private int freeSlots() {
        int n = 0;
        for (SequenceRun r : active) {
            if (r == null) {
                n++;
            }
        }
        return n;
    }

    private int bestSlot(int[] prompt) {
        int best = -1;
        int bestShared = -1;
        for (int s = 0; s < active.length; s++) {
            if (active[s] == null) {
                int shared = commonPrefix(cachedIds[s], prompt);
                if (shared > bestShared) {
                    best = s;
                    bestShared = shared;
                }
            }
        }
        return best;
    }

    /** One engine call for every active run, then each run chooses its next token. */
    private void step(List<SequenceRun> runs) {
        List<Chunk> chunks = new ArrayList<>(runs.size());
        for (SequenceRun r : runs) {
            chunks.add(r.nextChunk());
        }
        float[][] logits = new float[runs.size()][];
        try {
            ctx.forward(chunks, logits);
        } catch (RuntimeException | Error e) {
            for (SequenceRun r : runs) {
                end(r, null, e);
            }
            return;
        }
        for (int i = 0; i < runs.size(); i++) {
            SequenceRun r = runs.get(i);
            boolean done;
            try {
                done = r.accept(chunks.get(i), logits[i], ctx.capacity());
            } catch (RuntimeException | Error e) {
                end(r, null, e);
                continue;
            }
            if (done) {
                GenerationResult result;
                try {
                    setCached(r.slot(), r.cachedIds());
                    result = r.result(model.loadMs(), ProcessMemory.peakRssMb(), model.deviceMemoryMb());
                } catch (RuntimeException | Error e) {
                    end(r, null, e);
                    continue;
                }
                if (LOG.isDebugEnabled()) {
                    LOG.debug("slot {}: {}", r.slot(), result.stats());
                }
                end(r, result, null);
            }
        }
    }

    /** Frees the run's slot (forgetting its cache after an error) and finishes its handle. */
    private void end(SequenceRun r, GenerationResult result, Throwable error) {
        active[r.slot()] = null;
        if (error != null) {
            forget(r.slot());
        }
        r.handle.finish(r.listener, result, error);
    }

    private void forget(int slot) {
        setCached(slot, new int[0]);
        if (ctx == null) {
            return;
        }
        try {
            ctx.trim(slot, 0);
        } catch (RuntimeException e) {
            LOG.warn("could not clear sequence {}: {}", slot, e.toString());
        }
    }

    private void setCached(int slot, int[] ids) {
        cachedIds[slot] = ids;
        cachedCounts.set(slot, ids.length);
    }

    private static int commonPrefix(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        int i = 0;
        while (i < n && a[i] == b[i]) {
            i++;
        }
        return i;
    }

    /** Frees the context (model thread). */
    @Override
    public void close() {
        if (ctx != null) {
            ctx.close();
            ctx = null;
        }
        for (int s = 0; s < active.length; s++) {
            setCached(s, new int[0]);
        }
    }
}
