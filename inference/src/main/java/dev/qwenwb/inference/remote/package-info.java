/**
 * OpenAI-compatible endpoints as a {@link dev.qwenwb.inference.generate.Generator}: vLLM, Ollama, llama.cpp's
 * server, the workbench's own {@code serve}, hosted APIs. {@link dev.qwenwb.inference.remote.OpenAiClient} streams
 * over the JDK's HTTP client with its own {@link dev.qwenwb.inference.remote.SseReader} and measures the same
 * statistics as the in-process engines from the stream.
 */
package dev.qwenwb.inference.remote;
