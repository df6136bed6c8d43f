/**
 * Generation, the one seam between callers and engines: {@link dev.qwenwb.inference.generate.Generator} and its
 * sessions, the request ({@link dev.qwenwb.inference.generate.GenerationRequest}: a prompt,
 * {@link dev.qwenwb.inference.generate.Sampling} overrides, {@link dev.qwenwb.inference.generate.Limits}), what
 * a listener hears and what a result measures; the in-process engine behind it
 * ({@link dev.qwenwb.inference.generate.LocalModel}, {@link dev.qwenwb.inference.generate.ChatSession}); and
 * choosing tokens: {@link dev.qwenwb.inference.generate.SamplingParams} and the seeded
 * {@link dev.qwenwb.inference.generate.Sampler} (repetition penalty, argmax, temperature, top-k, top-p), in plain
 * Java.
 */
package dev.qwenwb.inference.generate;
