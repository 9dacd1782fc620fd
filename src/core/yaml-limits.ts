import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type CST, type Document, type Node } from 'yaml';
import { MAX_FILE_BYTES } from './project-fs.js';

/**
 * Bounds on every YAML input (SPEC §10), so that a file from a pull request cannot exhaust time,
 * memory or the stack. README § "Limits" states the same numbers.
 */
export interface YamlLimits {
  maxChars: number;
  maxDepth: number;
  maxAliasNodes: number;
}

export const YAML_LIMITS: Readonly<YamlLimits> = {
  /** Characters in one file, as many as the bytes the project reader takes (`MAX_FILE_BYTES`, 8 MiB). */
  maxChars: MAX_FILE_BYTES,
  /** Nesting of mappings and sequences; real manifests stay far below 50. */
  maxDepth: 256,
  /** Nodes that alias expansion may add to one file (a legitimate file uses a few thousand). */
  maxAliasNodes: 100_000,
};

export interface LimitProblem {
  code: 'YAML_LIMIT' | 'YAML_SYNTAX';
  offset: number;
  /** End of the span (the alias's end), where there is one. */
  end?: number;
  message: string;
}

/**
 * The first collection nested deeper than the limit, found on the parser's token tree (built
 * without recursion) before the composer, which recurses per level, ever sees it.
 */
export function tooDeep(tokens: readonly CST.Token[], maxDepth = YAML_LIMITS.maxDepth): LimitProblem | undefined {
  const stack: { token: CST.Token | null | undefined; depth: number }[] = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    switch (token.type) {
      case 'document':
        stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth + 1 > maxDepth) return { code: 'YAML_LIMIT', offset: token.offset, message: `YAML nesting deeper than ${maxDepth} levels` };
        for (const item of token.items) {
          if ('key' in item) stack.push({ token: item.key, depth: depth + 1 });
          stack.push({ token: item.value, depth: depth + 1 });
        }
        break;
      }
      default:
    }
  }
  return undefined;
}

/** Targets found while checking aliases, so that no caller has to search the document again. */
const targets = new WeakMap<Alias, Node>();

/** The node an alias refers to (the last anchor of that name before it). */
export function aliasTarget(alias: Alias, doc: Document): Node | undefined {
  return targets.get(alias) ?? (alias.resolve(doc) as Node | undefined);
}

/** Running total of nodes that alias expansion adds, shared by the documents of one file. */
export interface AliasBudget {
  used: number;
}

/**
 * Resolves every alias once and measures what expanding them costs: nodes added (against the
 * file's budget) and the depth of the expanded tree (against the nesting limit). Sizes are
 * memoised per node, so a bomb of nested aliases is measured in time linear in its text. An
 * alias that refers to a node containing it (`&a [*a]`) would expand forever; one with no
 * anchor before it has nothing to expand.
 */
export function checkAliases(doc: Document, budget: AliasBudget, limits: Readonly<YamlLimits> = YAML_LIMITS): LimitProblem | undefined {
  const anchors = new Map<string, Node>();
  const size = new Map<Node, number>();
  const depth = new Map<Node, number>();
  const open = new Set<Node>();
  let problem: LimitProblem | undefined;

  // returns [nodes, depth] of the expanded subtree; recursion is bounded by the nesting limit
  const walk = (node: unknown, level: number): [number, number] => {
    if (problem || node === null || typeof node !== 'object') return [0, 0];
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      const offset = node.range?.[0] ?? 0;
      const end = node.range?.[1] ?? offset;
      if (!target) {
        problem = { code: 'YAML_SYNTAX', offset, end, message: `unknown alias \`*${node.source}\`: no anchor \`&${node.source}\` before it` };
        return [0, 0];
      }
      targets.set(node, target);
      if (open.has(target)) {
        problem = { code: 'YAML_SYNTAX', offset, end, message: `alias \`*${node.source}\` refers to a node that contains it (endless expansion)` };
        return [0, 0];
      }
      const n = size.get(target) ?? 1;
      const d = depth.get(target) ?? 0;
      budget.used += n;
      if (budget.used > limits.maxAliasNodes) {
        problem = { code: 'YAML_LIMIT', offset, end, message: `alias \`*${node.source}\` expands the file past ${limits.maxAliasNodes.toLocaleString('en-US')} nodes (an alias bomb?)` };
      } else if (level + d > limits.maxDepth) {
        problem = { code: 'YAML_LIMIT', offset, end, message: `alias \`*${node.source}\` expands past ${limits.maxDepth} levels of nesting` };
      }
      return [n, d];
    }
    const n0 = node as Node;
    if (n0.anchor) anchors.set(n0.anchor, n0);
    let nodes = 1;
    let deepest = 0;
    if (isMap(node) || isSeq(node)) {
      open.add(n0);
      for (const item of node.items as unknown[]) {
        const parts = isPair(item) ? [item.key, item.value] : [item];
        for (const part of parts) {
          const [n, d] = walk(part, level + 1);
          nodes += n;
          deepest = Math.max(deepest, d);
        }
      }
      open.delete(n0);
      deepest += 1;
    } else if (!isScalar(node)) {
      return [0, 0];
    }
    size.set(n0, nodes);
    depth.set(n0, deepest);
    return [nodes, deepest];
  };
  walk(doc.contents, 0);
  return problem;
}
