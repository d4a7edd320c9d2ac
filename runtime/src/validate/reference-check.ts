import { formatProblemPath, type ValidationProblemCode } from '../contract/validation-problem.js';
import { liquid } from '../template/liquid.js';
import type { TemplateReference } from '../template/references.js';
import { didYouMean, listNames } from './closest-name.js';
import type { GraphOrder } from './graph-order.js';
import type { NameScope } from './name-scope.js';
import type { GraphNode, NodeCollection } from './node-entries.js';
import { checkOutputPath, kindsAt, type ValueKind } from './output-paths.js';
import { nodeLabel, type ProblemList } from './problem-list.js';
import { templateReferences } from './template-scan.js';

type Field = (string | number)[];

export interface ReferenceContext {
  readonly nodes: NodeCollection;
  readonly order: GraphOrder;
  readonly names: NameScope;
  readonly problems: ProblemList;
}

interface Found {
  readonly field: Field;
  readonly reference?: TemplateReference;
  readonly syntaxError?: string;
}

/** Every reference in a config, except in the fields the engine leaves unresolved. */
function findReferences(config: Record<string, unknown>, rawFields: readonly string[]): Found[] {
  const found: Found[] = [];
  const visit = (value: unknown, field: Field): void => {
    if (typeof value === 'string') {
      try {
        for (const reference of templateReferences(value)) found.push({ field, reference });
      } catch (thrown) {
        found.push({ field, syntaxError: thrown instanceof Error ? thrown.message : String(thrown) });
      }
    } else if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, [...field, index]);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(item, [...field, key]);
    }
  };
  for (const [key, value] of Object.entries(config)) if (!rawFields.includes(key)) visit(value, [key]);
  return found;
}

function checkFields(target: GraphNode, reference: TemplateReference, intro: Intro): string | undefined {
  if (!target.output) return undefined;
  const mismatch = checkOutputPath(target.output, reference.path);
  if (!mismatch) return undefined;
  const subjectName =
    mismatch.depth === 0
      ? `"${target.id}"${target.type ? ` (${target.type})` : ''}`
      : `"${formatProblemPath([reference.root, ...reference.path.slice(0, mismatch.depth)])}"`;
  return `${intro.text()}, but ${subjectName} ${mismatch.reason}.`;
}

/** The start of a reference's message, worded only when the reference turns out wrong. */
class Intro {
  constructor(
    readonly subject: GraphNode,
    readonly field: Field,
    readonly reference: TemplateReference,
  ) {}

  text(): string {
    const shown = formatProblemPath([this.reference.root, ...this.reference.path]);
    return `${nodeLabel(this.subject.id, this.subject.type)} refers to {{ ${shown} }} in "${formatProblemPath(this.field)}"`;
  }
}

type Verdict = { code: Extract<ValidationProblemCode, `reference.${string}`>; message: string };

function judgeInner(
  subject: GraphNode,
  target: GraphNode,
  reference: TemplateReference,
  intro: Intro,
  context: ReferenceContext,
): Verdict | undefined {
  if (target === subject) {
    return {
      code: 'reference.self',
      message: `${intro.text()}, which is its own output; a node can only use the outputs of nodes that run before it.`,
    };
  }
  if (!context.order.reaches(target.slot, subject.slot)) {
    const after = context.order.reaches(subject.slot, target.slot);
    const why = after
      ? `"${target.id}" runs after "${subject.id}"`
      : `"${target.id}" does not run before "${subject.id}" (no chain of edges leads from "${target.id}" to "${subject.id}")`;
    return {
      code: 'reference.not-ancestor',
      message: `${intro.text()}, but ${why}. A node can only use the outputs of nodes that run before it: add an edge, or refer to an earlier node.`,
    };
  }
  const wrongField = checkFields(target, reference, intro);
  return wrongField ? { code: 'reference.unknown-field', message: wrongField } : undefined;
}

function judge(
  subject: GraphNode,
  reference: TemplateReference,
  intro: Intro,
  context: ReferenceContext,
): Verdict | undefined {
  const inner = context.nodes.byId.get(reference.root);
  if (inner) return judgeInner(subject, inner, reference, intro, context);
  const meaning = context.names.lookup(reference.root);
  if (meaning?.kind === 'scope' || meaning?.kind === 'global') return undefined;
  if (meaning?.kind === 'outer-node') {
    if (!meaning.readable) {
      return {
        code: 'reference.not-ancestor',
        message: `${intro.text()}, but "${meaning.node.id}" does not run before "${meaning.owner}", the node this nested flow belongs to. Refer to a node that runs before "${meaning.owner}".`,
      };
    }
    const wrongField = checkFields(meaning.node, reference, intro);
    return wrongField ? { code: 'reference.unknown-field', message: wrongField } : undefined;
  }
  const candidates = [...context.nodes.byId.keys(), ...context.names.names()];
  const scopeNames = context.names.scopeNames();
  const offered = scopeNames.length ? ` Here you can also use: ${listNames([...scopeNames])}.` : '';
  return {
    code: 'reference.unknown-name',
    message: `${intro.text()}, but there is no node "${reference.root}".${didYouMean(reference.root, candidates)}${offered}`,
  };
}

const KIND_WORDS: Record<ValueKind, string> = {
  text: 'text',
  number: 'a number',
  boolean: 'true or false',
  list: 'a list',
  object: 'an object',
  null: 'always empty',
};

/**
 * A field that holds exactly one reference keeps the referenced value's type, so when the schema
 * needs a list there and the referenced output is text, the run would fail: say so now.
 */
function wrongKind(
  subject: GraphNode,
  field: Field,
  reference: TemplateReference,
  context: ReferenceContext,
): Verdict | undefined {
  const key = JSON.stringify(field);
  const expectation = subject.expectations?.find((candidate) => JSON.stringify(candidate.field) === key);
  if (!expectation) return undefined;
  const inner = context.nodes.byId.get(reference.root);
  const meaning = inner ? undefined : context.names.lookup(reference.root);
  const target = inner ?? (meaning?.kind === 'outer-node' ? meaning.node : undefined);
  const kinds = target?.output ? kindsAt(target.output, reference.path) : undefined;
  if (!kinds || kinds.has(expectation.kind)) return undefined;
  const actual = [...kinds].filter((kind) => kind !== 'null');
  if (actual.length === 0) return undefined;
  const shown = formatProblemPath([reference.root, ...reference.path]);
  return {
    code: 'reference.wrong-kind',
    message: `${nodeLabel(subject.id, subject.type)}: "${formatProblemPath(field)}" needs ${KIND_WORDS[expectation.kind]}, but {{ ${shown} }} is ${actual.map((kind) => KIND_WORDS[kind]).join(' or ')}.`,
  };
}

/** ` Did you mean "upcase"?` for LiquidJS' "undefined filter: upcse". */
function filterHint(error: string | undefined): string {
  const unknown = /undefined filter: ([\w-]+)/.exec(error ?? '')?.[1];
  return unknown ? didYouMean(unknown, Object.keys(liquid.filters)) : '';
}

/** Checks each {{ }} reference of one node: syntax, name, order, and the field path. */
export function checkReferences(subject: GraphNode, context: ReferenceContext): void {
  const config = subject.node?.config;
  if (!config || !subject.definition) return;
  for (const found of findReferences(config, subject.definition.rawFields ?? [])) {
    const verdict = found.reference
      ? judge(subject, found.reference, new Intro(subject, found.field, found.reference), context)
      : {
          code: 'reference.syntax' as const,
          message: `${nodeLabel(subject.id, subject.type)}: the template in "${formatProblemPath(found.field)}" cannot be read: ${found.syntaxError ?? 'unknown error'}.${filterHint(found.syntaxError)}`,
        };
    const problem =
      verdict ?? (found.reference ? wrongKind(subject, found.field, found.reference, context) : undefined);
    if (!problem) continue;
    context.problems.add(problem.code, [...subject.at, 'config', ...found.field], problem.message, {
      nodeId: subject.id,
      field: found.field,
    });
  }
}
