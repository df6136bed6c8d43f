/**
 * The OpenAI-compatible HTTP server over any {@link dev.qwenwb.inference.generate.Generator}: {@code GET /v1/models},
 * {@code POST /v1/chat/completions}, {@code POST /v1/completions} (streamed as Server-Sent Events or not), errors in
 * OpenAI's shape. An entry point beside the command line and the window, used by both ({@code serve}, the Model
 * menu's toggle); it imports neither.
 */
package dev.qwenwb.app.server;
