#!/usr/bin/env bash
# What a JSON-schema constraint costs the sampler per token over Qwen2.5's real vocabulary: masking every token
# before each choice against checking the choice first (ConstraintBench). Needs the inference module's test classes:
#   mvn -B -q -pl inference -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
#   scripts/constraint-bench.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f inference/target/cp.txt ] || [ ! -d inference/target/test-classes ]; then
  sed -n '4p' "$0" | sed 's/^#  *//' >&2
  exit 2
fi
exec java -cp "inference/target/test-classes:inference/target/classes:$(cat inference/target/cp.txt)" \
  dev.qwenwb.inference.bench.ConstraintBench assets/tokenizer/qwen2.5/tokenizer.json "${1:-5}"
