/** Prompt suites and their checks, the replay runner, code execution, statistics and reports. No JavaFX. */
package dev.qwenwb.evaluation;
