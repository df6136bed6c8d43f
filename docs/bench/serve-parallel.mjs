// Aggregate tokens/s of `serve --parallel N` measured as batch.mjs measures llama.cpp (../../shared/tools/llamacpp):
// n streaming /v1/completions requests at once, the same 50 prompt ids each, greedy, 64 tokens, EOS ignored.
//   node docs/bench/serve-parallel.mjs http://127.0.0.1:PORT/v1 [--parallel 1,2,4,8] [--prompt-tokens 50] [--gen-tokens 64]
const base = process.argv[2];
const opt = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const pars = opt("--parallel", "1,2,4,8").split(",").map(Number);
const P = Number(opt("--prompt-tokens", "50")), G = Number(opt("--gen-tokens", "64"));
const prompt = i => Array.from({length: P}, (_, j) => 1000 + ((i * 7919 + j * 104729) % 150000));

async function one(i, marks) {
    const r = await fetch(base + "/completions", {method: "POST", headers: {"Content-Type": "application/json"},
        body: JSON.stringify({prompt: prompt(i), max_tokens: G, temperature: 0, ignore_eos: true, stream: true,
            stream_options: {include_usage: true}})});
    const dec = new TextDecoder();
    let buf = "", tokens = 0;
    for await (const chunk of r.body) {
        buf += dec.decode(chunk, {stream: true});
        let k;
        while ((k = buf.indexOf("\n\n")) >= 0) {
            const ev = buf.slice(0, k); buf = buf.slice(k + 2);
            if (!ev.startsWith("data: ") || ev === "data: [DONE]") continue;
            const j = JSON.parse(ev.slice(6));
            if (j.choices?.length && marks.first[i] === 0) marks.first[i] = performance.now();
            if (j.usage) tokens = j.usage.completion_tokens;
        }
    }
    return tokens;
}

await one(0, {first: [0]}); // warm-up
for (const n of pars) {
    const marks = {first: new Array(n).fill(0)};
    const t0 = performance.now();
    const counts = await Promise.all(Array.from({length: n}, (_, i) => one(i, marks)));
    const t1 = performance.now();
    const total = counts.reduce((a, b) => a + b, 0), first = Math.max(...marks.first);
    const dec = (total - n) / ((t1 - first) / 1000);
    console.log(JSON.stringify({parallel: n, tokens: total, seconds: +((t1 - t0) / 1000).toFixed(2),
        aggregate_tokens_per_s: +dec.toFixed(1), wall_tokens_per_s: +(total / ((t1 - t0) / 1000)).toFixed(1),
        per_sequence_tokens_per_s: +(dec / n).toFixed(1)}));
}
