/**
 * Text to token ids and back: {@link dev.qwenwb.inference.tokenizer.QwenTokenizer} over a model's
 * own {@code tokenizer.json}, and {@link dev.qwenwb.inference.tokenizer.IncrementalDetokenizer} for
 * streaming generated text without broken characters.
 */
package dev.qwenwb.inference.tokenizer;
