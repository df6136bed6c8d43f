#!/usr/bin/env bash
set -u
R=${1:-3}; OUT=/work/bench/ttft/out; mkdir -p $OUT
export DJL_OFFLINE=true
CFG=/work/main/assets/models/qwen2.5-0.5b-instruct/config.json
for r in $(seq 1 $R); do
  for side in base main; do
    D=/work/wt-base; [ $side = main ] && D=/work/main
    (cd $D && ./workbench bench --dummy-weights $CFG --dtype f16 --threads 2 --runs 3 --gen-tokens 64 --no-bandwidth --json) > $OUT/djl-$side-$r.json 2> $OUT/djl-$side-$r.err
    python3 -c "
import json,sys
d=json.load(open('$OUT/djl-$side-$r.json'))
runs=d.get('runs',[])
print('$side $r', [round(x['ttft_ms']) for x in d['runs']], [round(x['decode_tokens_per_s'],1) for x in d['runs']], 'load', [x['load_s'] for x in d['runs']])
" 2>&1 | tail -1
  done
done
