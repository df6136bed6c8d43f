/**
 * Choosing tokens: {@link dev.qwenwb.inference.generate.SamplingParams} and the seeded
 * {@link dev.qwenwb.inference.generate.Sampler} (repetition penalty, argmax, temperature, top-k,
 * top-p), in plain Java.
 */
package dev.qwenwb.inference.generate;
