/**
 * Generation, the one seam between callers and engines: {@link dev.qwenwb.inference.generate.Generator} and its
 * sessions, the request ({@link dev.qwenwb.inference.generate.GenerationRequest}: a prompt,
 * {@link dev.qwenwb.inference.generate.Sampling} overrides, {@link dev.qwenwb.inference.generate.Limits}, an optional
 * {@link dev.qwenwb.inference.generate.TokenConstraint}), what a listener hears and what a result measures
 * ({@link dev.qwenwb.inference.generate.StatsRecorder} computes it for every engine). No engine lives here: the one
 * decode loop of the local engines is {@code generate.decode}, the sampling chain {@code generate.sampling}, the
 * engines {@code generate.djl} (DJL's PyTorch) and {@code generate.llamacpp} (GGUF through llama.cpp); this package
 * imports neither DJL nor JNA.
 */
package dev.qwenwb.inference.generate;
