/** Prompt suites, the replay runner, code execution and statistics (filled by the evaluation issue). No JavaFX. */
package dev.qwenwb.evaluation;
