// The official `openai` npm client against the workbench's server: node openai-client.mjs BASE_URL MODEL
// Prints one JSON object: a required tool call, a json_schema answer, and three parallel streams' timings.
import OpenAI from 'openai';

const [baseURL, model] = process.argv.slice(2);
const client = new OpenAI({ baseURL, apiKey: 'sk-local', maxRetries: 0, timeout: 180_000 });
const out = {};

const tool = await client.chat.completions.create({
  model, temperature: 1, seed: 3, max_tokens: 200, parallel_tool_calls: false,
  messages: [{ role: 'user', content: 'Weather in Paris?' }],
  tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather of a city',
    parameters: { type: 'object', properties: { city: { enum: ['Beijing', 'Paris'] }, days: { type: 'integer' } },
      required: ['city', 'days'] } } }],
  tool_choice: 'required',
});
out.tool = { finish: tool.choices[0].finish_reason, calls: tool.choices[0].message.tool_calls };

const json = await client.chat.completions.create({
  model, temperature: 1, seed: 4, max_tokens: 100,
  messages: [{ role: 'user', content: 'Verdict?' }],
  response_format: { type: 'json_schema', json_schema: { name: 'v', strict: true, schema: { type: 'object',
    properties: { ok: { type: 'boolean' }, n: { type: 'integer' } }, required: ['ok', 'n'], additionalProperties: false } } },
});
out.json = json.choices[0].message.content;

const t0 = Date.now();
out.streams = await Promise.all([0, 1, 2].map(async (i) => {
  const stream = await client.chat.completions.create({
    model, temperature: 0, max_tokens: 24, stream: true,
    messages: [{ role: 'user', content: `Write quicksort ${i}` }],
  });
  let first = -1; let text = '';
  for await (const chunk of stream) {
    const d = chunk.choices[0]?.delta?.content ?? '';
    if (d && first < 0) first = Date.now() - t0;
    text += d;
  }
  return { first, end: Date.now() - t0, text };
}));
console.log(JSON.stringify(out));
