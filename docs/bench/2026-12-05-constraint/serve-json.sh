#!/usr/bin/env bash
# usage: serve-json.sh WORKBENCH_DIR LABEL — constrained vs free decoding through serve on a true-shape q8_0 GGUF
# (MODEL=file; made by: python3 ../shared/tools/llamacpp/make_gguf.py OUT --type q8_0 --shape full --seed 0)
set -u
dir=$1; label=$2
out=${OUTDIR:-/tmp/cb}/$label; mkdir -p $out
$dir/workbench serve --model ${MODEL:-/work/bench/q8_0.gguf} --port 0 --parallel 1 --threads 2 > $out/serve.out 2> $out/serve.err &
pid=$!
for i in $(seq 1 120); do grep -q listening $out/serve.out && break; sleep 1; done
url=$(grep -o 'http://[^ ]*' $out/serve.out)
schema='{"type":"json_schema","json_schema":{"name":"a","strict":true,"schema":{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}}}'
req() { # $1 = extra json fields
  curl -s $url/chat/completions -H 'Content-Type: application/json' -d "{\"model\":\"q8_0\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hi in JSON\"}],\"max_tokens\":64,\"seed\":1$1}"
}
req ",\"temperature\":0" > /dev/null
for r in 1 2 3; do
  for mode in free json; do
    for samp in greedy topk; do
      extra=""; [ $mode = json ] && extra=",\"response_format\":$schema"
      [ $samp = greedy ] && extra="$extra,\"temperature\":0" || extra="$extra,\"temperature\":0.7,\"top_k\":20,\"top_p\":0.8"
      resp=$(req "$extra")
      echo "$label $mode $samp $(echo "$resp" | python3 -c 'import json,sys; d=json.load(sys.stdin); t=d.get("timings",{}); print(d.get("usage",{}).get("completion_tokens"), d.get("error",{}).get("message","")[:150], {k:v for k,v in t.items() if "per_second" in k or k in ("predicted_ms","predicted_n")})')"
    done
  done
done
kill $pid; wait $pid 2>/dev/null
