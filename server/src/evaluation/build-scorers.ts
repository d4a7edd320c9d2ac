import type { ModelProviders } from '@tailor/nodes';
import type { DatasetItem } from './dataset.js';
import { type AskJudge, DEFAULT_RUBRIC, judgeScorer } from './judge.js';
import { createScorers, type Scorer } from './scorers.js';
import { type Embed, similarityScorer } from './similarity.js';

/** The scorers' options as `tailor eval` and `POST /api/evaluations` take them. */
export interface ScorerSetup {
  readonly jsonFields?: readonly string[];
  /** `provider/model` of the judge, required with the `judge` scorer. */
  readonly judge?: string;
  readonly rubric?: string;
  /** `provider/model` of the embeddings, required with the `similarity` scorer. */
  readonly embed?: string;
  /** The similarity the `similarity` scorer needs (default 0.8). */
  readonly similarity?: number;
}

/** A wrong setup, worded for the flag (`--judge`) or the field (`judge`) the caller took it from. */
export class ScorerSetupError extends Error {
  override readonly name = 'ScorerSetupError';
}

/** The model providers, once they are ready (the CLI composes them after checking the options). */
export type ProvidersSource = () => ModelProviders | undefined;

/**
 * The scorers named, the judge and similarity ones wired to their models. `flag` names the
 * option in messages: `--judge` for the CLI, `judge` for the API.
 */
export function buildScorers(
  names: readonly string[],
  setup: ScorerSetup,
  providers: ProvidersSource,
  flag: (name: 'judge' | 'embed') => string = (name) => name,
): Scorer[] {
  const judgeModel = readModel(setup.judge, names, 'judge', flag('judge'), 'openai/gpt-4o-mini');
  const embedModel = readModel(setup.embed, names, 'similarity', flag('embed'), 'openai/text-embedding-3-small');
  const judge = judgeModel ? judgeScorer(askJudge(providers, judgeModel), setup.rubric ?? DEFAULT_RUBRIC) : undefined;
  const similarity = embedModel
    ? similarityScorer(embedWith(providers, embedModel), setup.similarity ?? 0.8)
    : undefined;
  const scorers = createScorers(names, {
    jsonFields: setup.jsonFields ?? [],
    ...(judge ? { judge } : {}),
    ...(similarity ? { similarity } : {}),
  });
  if (typeof scorers === 'string') throw new ScorerSetupError(scorers);
  return scorers;
}

/** What is wrong with items for the scorers chosen (a regex that does not compile), one line each. */
export function checkItems(scorers: readonly Scorer[], items: readonly DatasetItem[]): string[] {
  return items.flatMap((item) =>
    scorers.flatMap((scorer) => {
      const problem = scorer.applies(item) ? scorer.check?.(item) : undefined;
      return problem ? [`line ${item.line}: ${problem}.`] : [];
    }),
  );
}

/** `openai/gpt-4o-mini`: the model a scorer needs, required with it and refused without it. */
function readModel(
  value: string | undefined,
  names: readonly string[],
  scorer: string,
  flag: string,
  example: string,
): { provider: string; model: string } | undefined {
  if (!names.includes(scorer)) {
    const add = flag.startsWith('--') ? `--scorer ${scorer}` : `"${scorer}" to the scorers`;
    if (value !== undefined) throw new ScorerSetupError(`${flag} is for the ${scorer} scorer; add ${add}.`);
    return undefined;
  }
  const match = value?.match(/^([^/\s]+)\/(\S+)$/);
  if (!match?.[1] || !match[2]) {
    throw new ScorerSetupError(
      `The ${scorer} scorer needs its model: ${flag} <provider>/<model>, e.g. ${flag} ${example}.`,
    );
  }
  return { provider: match[1], model: match[2] };
}

function ready(providers: ProvidersSource): ModelProviders {
  const registry = providers();
  if (!registry) throw new Error('this installation has no model providers');
  return registry;
}

function embedWith(providers: ProvidersSource, embed: { provider: string; model: string }): Embed {
  return async (texts) => {
    const provider = await ready(providers).embedding({ provider: embed.provider });
    return (await provider.embed(texts, { model: embed.model })).vectors;
  };
}

function askJudge(providers: ProvidersSource, judge: { provider: string; model: string }): AskJudge {
  return async (system, user) => {
    const chat = await ready(providers).chat({ provider: judge.provider });
    const reply = await chat.chat({
      model: judge.model,
      temperature: 0,
      responseFormat: { type: 'json' },
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
    });
    return reply.text;
  };
}
