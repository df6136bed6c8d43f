#!/usr/bin/env bash
# The article's table — start-up, time to first token for a 50-token prompt, decode tokens/s, memory — on a GPU,
# with nothing but the built app: a GGUF model on llama.cpp's bundled GPU backend (Vulkan on Linux/Windows x64,
# Metal on Apple silicon, CUDA in a -Pcuda build). No network, no Maven, no DJL download.
#
#   scripts/gpu-bench.sh MODEL.gguf        # e.g. qwen2.5-0.5b-instruct-q8_0.gguf copied onto the machine
#   scripts/gpu-bench.sh HF_FOLDER         # a Hugging Face folder: converted to q8_0 GGUF first (`convert`)
#
# Environment:
#   WORKBENCH=path   the launcher (default: the app image installers/target/image/qwen-workbench/bin/qwen-workbench
#                    if built, else ./workbench, which runs what `mvn package` left in app/target)
#   DEVICE=gpu       the --device to measure (default gpu: the first GPU llama.cpp sees; fails, exit 2, if none)
#   RUNS=3           runs per configuration
#   OUT=dir          where the raw JSON goes (default: gpu-bench-<date>)
#
# Prints the devices found, start-up (process start → first token of a 1-token generation, wall clock), then
# `bench --article` on the GPU and, for reference, on the CPU: TTFT for 50 prompt tokens, decode tokens/s, peak RSS
# and the device memory llama.cpp allocated, beside the article's claims (~80 ms TTFT, ~120 tokens/s, ~6.2 GB).
# Raw JSON of every run is kept in $OUT.
#
# The DJL engine on CUDA stays possible but is not this script: build with -Pcuda on a machine with network
# (DJL downloads the CUDA libtorch on first use) and run `./workbench bench --model HF_FOLDER --device cuda`.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -ne 1 ]; then
  sed -n '2,9p' "$0" >&2
  exit 2
fi
MODEL="$1"
DEVICE="${DEVICE:-gpu}"
RUNS="${RUNS:-3}"
OUT="${OUT:-gpu-bench-$(date -u +%Y%m%dT%H%M%SZ)}"
if [ -z "${WORKBENCH:-}" ]; then
  if [ -x installers/target/image/qwen-workbench/bin/qwen-workbench ]; then
    WORKBENCH=installers/target/image/qwen-workbench/bin/qwen-workbench
  else
    WORKBENCH=./workbench
  fi
fi
export DJL_OFFLINE=true
mkdir -p "$OUT"
wb() { "$WORKBENCH" "$@"; }

echo "== app and backends"
wb --version | tee "$OUT/version.txt"
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>/dev/null | tee "$OUT/nvidia-smi.txt" || true

if [ -d "$MODEL" ]; then
  gguf="$OUT/$(basename "$MODEL")-q8_0.gguf"
  echo "== converting $MODEL to $gguf (q8_0)"
  wb convert "$MODEL" --type q8_0 --out "$gguf"
  MODEL="$gguf"
fi
[ -f "$MODEL" ] || { echo "gpu-bench: $MODEL: no such GGUF file" >&2; exit 2; }

echo "== start-up on $DEVICE: process start → first token (1 token, wall clock)"
t0=$(date +%s%N)
wb generate --model "$MODEL" --device "$DEVICE" --prompt "hi" --max-tokens 1 --greedy --json > "$OUT/startup.json"
t1=$(date +%s%N)
startup_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
echo "start-up: ${startup_s} s (article: < 15 s)" | tee "$OUT/startup.txt"
sed -e 's/"token_latencies_ms":\[[^]]*\]/"token_latencies_ms":[…]/' "$OUT/startup.json"; echo

for dev in "$DEVICE" cpu; do
  echo "== bench on $dev: 50 prompt tokens, 128 generated, $RUNS runs (medians)"
  wb bench --model "$MODEL" --device "$dev" --prompt-tokens 50 --gen-tokens 128 --runs "$RUNS" --no-bandwidth \
    --article --json > "$OUT/bench-$dev.json"
  wb bench --model "$MODEL" --device "$dev" --prompt-tokens 50 --gen-tokens 128 --runs "$RUNS" --no-bandwidth \
    --article | tee "$OUT/bench-$dev.txt"
done

# one summary line per device, from the raw JSON (python3 if there, else the JSON as is)
if command -v python3 >/dev/null 2>&1; then
  python3 - "$OUT" "$startup_s" "$DEVICE" <<'PY'
import json, sys
out, startup, device = sys.argv[1], sys.argv[2], sys.argv[3]
print("\n== the article's table, measured (%s)" % out)
print("%-10s %-42s %10s %12s %14s %14s" % ("device", "name", "TTFT ms", "decode t/s", "device MB", "peak RSS MB"))
for d in (device, "cpu"):
    r = json.load(open("%s/bench-%s.json" % (out, d)))
    print("%-10s %-42s %10.1f %12.1f %14s %14d" % (r["device"], r.get("device_name", "")[:42], r["ttft_ms"],
          r["decode_tokens_per_s"], r.get("gpu_memory_mb", "—"), r["peak_rss_mb"]))
print("%-10s %-42s %10s %12s %14s" % ("article", "(GPU)", "~80", "~120", "~6200 (6.2 GB)"))
print("start-up %s s (article: < 15 s)" % startup)
PY
fi
