#!/usr/bin/env bash
set -u
R=${1:-3}; OUT=/work/bench/ttft/out; mkdir -p $OUT
export DJL_OFFLINE=true
for r in $(seq 1 $R); do
  for side in base main; do
    D=/work/wt-base; [ $side = main ] && D=/work/main
    (cd $D && ./workbench bench --model /work/bench/q8_0.gguf --threads 2 --runs 3 --gen-tokens 128 --no-bandwidth --json) > $OUT/gguf-$side-$r.json 2> $OUT/gguf-$side-$r.err
    python3 -c "
import json
d=json.load(open('$OUT/gguf-$side-$r.json'))
print('$side $r ttft', [round(x['ttft_ms']) for x in d['runs']], 'decode', [round(x['decode_tokens_per_s'],1) for x in d['runs']], 'load', [x['load_s'] for x in d['runs']], 'rss', [x['peak_rss_mb'] for x in d['runs']])
"
  done
done
