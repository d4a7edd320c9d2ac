/** Ready-to-paste calls of a published flow: the page shows them with the real origin, flow and key. */
export interface ExampleInput {
  origin: string;
  flowId: string;
  key: string;
  inputs: Record<string, unknown>;
  chat: boolean;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function restExample({ origin, flowId, key, inputs }: ExampleInput): { curl: string; js: string } {
  const body = JSON.stringify({ inputs });
  return {
    curl: `curl ${origin}/v1/flows/${flowId}/run \\\n  -H 'Authorization: Bearer ${key}' \\\n  -H 'Content-Type: application/json' \\\n  -d ${quote(body)}`,
    js: `const response = await fetch('${origin}/v1/flows/${flowId}/run', {\n  method: 'POST',\n  headers: { Authorization: 'Bearer ${key}', 'Content-Type': 'application/json' },\n  body: JSON.stringify(${JSON.stringify({ inputs })}),\n});\nconst { output } = await response.json();`,
  };
}

export function sseExample({ origin, flowId, key, inputs }: ExampleInput): { curl: string; js: string } {
  const body = JSON.stringify({ inputs });
  return {
    curl: `curl -N ${origin}/v1/flows/${flowId}/run \\\n  -H 'Authorization: Bearer ${key}' \\\n  -H 'Accept: text/event-stream' \\\n  -H 'Content-Type: application/json' \\\n  -d ${quote(body)}`,
    js: `const response = await fetch('${origin}/v1/flows/${flowId}/run', {\n  method: 'POST',\n  headers: {\n    Authorization: 'Bearer ${key}',\n    Accept: 'text/event-stream',\n    'Content-Type': 'application/json',\n  },\n  body: JSON.stringify(${JSON.stringify({ inputs })}),\n});\nconst reader = response.body.pipeThrough(new TextDecoderStream()).getReader();\nfor (;;) {\n  const { value, done } = await reader.read();\n  if (done) break;\n  // Each event: "event: node.delta", "id: 12", "data: {...}"\n  console.log(value);\n}`,
  };
}

export function openAiExample({ origin, flowId, key }: ExampleInput): { curl: string; js: string } {
  return {
    curl: `curl ${origin}/v1/chat/completions \\\n  -H 'Authorization: Bearer ${key}' \\\n  -H 'Content-Type: application/json' \\\n  -d '{"model": "${flowId}", "stream": true, "messages": [{"role": "user", "content": "Hello"}]}'`,
    js: `import OpenAI from 'openai';\n\nconst client = new OpenAI({ baseURL: '${origin}/v1', apiKey: '${key}' });\nconst stream = await client.chat.completions.create({\n  model: '${flowId}',\n  stream: true,\n  messages: [{ role: 'user', content: 'Hello' }],\n});\nfor await (const chunk of stream) process.stdout.write(chunk.choices[0]?.delta?.content ?? '');`,
  };
}

export function embedSnippet({ origin, flowId, key }: ExampleInput): string {
  return `<script src="${origin}/widget.js" data-flow="${flowId}" data-key="${key}" defer></script>`;
}
