/**
 * GitHub CODEOWNERS (docs.github.com "About code owners"): where GitHub looks for the file, and
 * which rule owns a path. Used to say who must sign a sign-off, since approvals.yaml is only as
 * protected as its code owners (SPEC §5.4).
 */

/** Where GitHub looks, in its order: the first file found is the only one used. */
export const CODEOWNERS_LOCATIONS: readonly string[] = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** GitHub ignores a CODEOWNERS file larger than this. */
export const CODEOWNERS_MAX_BYTES = 3 * 1024 * 1024;

export interface CodeownersRule {
  /** The pattern as written (escapes kept). */
  pattern: string;
  /** `@user`, `@org/team` or an e-mail address; empty: the path is explicitly unowned. */
  owners: string[];
  /** 1-based line in the file. */
  line: number;
}

const USER_OR_TEAM = /^@[A-Za-z0-9](?:[A-Za-z0-9_-]*)(?:\/[A-Za-z0-9_.-]+)?$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The rules of a CODEOWNERS file in file order. As on GitHub: `#` starts a comment (a whole line,
 * or the rest of one), `\` escapes the next character of a pattern (a space included), and a
 * line with an owner that is not `@user`, `@org/team` or an e-mail address is skipped whole.
 */
export function parseCodeowners(text: string): CodeownersRule[] {
  const rules: CodeownersRule[] = [];
  text.split('\n').forEach((raw, index) => {
    const parsed = parseLine(raw.replace(/\r$/, ''));
    if (parsed !== undefined) rules.push({ ...parsed, line: index + 1 });
  });
  return rules;
}

function parseLine(line: string): Omit<CodeownersRule, 'line'> | undefined {
  let i = 0;
  const n = line.length;
  const space = (c: string | undefined): boolean => c === ' ' || c === '\t';
  while (i < n && space(line[i])) i++;
  if (i === n || line[i] === '#') return undefined;
  let pattern = '';
  while (i < n && !space(line[i]) && line[i] !== '#') {
    if (line[i] === '\\' && i + 1 < n) {
      pattern += line.slice(i, i + 2);
      i += 2;
    } else pattern += line[i++];
  }
  const comment = line.indexOf('#', i);
  const owners = (comment === -1 ? line.slice(i) : line.slice(i, comment)).split(/[ \t]+/).filter((o) => o !== '');
  if (!owners.every((o) => USER_OR_TEAM.test(o) || EMAIL.test(o))) return undefined;
  return { pattern, owners };
}

/** The rule that owns `file` (repository-relative, `/`-separated): the last one that matches. */
export function codeownersRuleFor(rules: readonly CodeownersRule[], file: string): CodeownersRule | undefined {
  const path = file.split('/').filter((s) => s !== '');
  for (let i = rules.length - 1; i >= 0; i--) {
    const rule = rules[i] as CodeownersRule;
    if (patternMatches(rule.pattern, path)) return rule;
  }
  return undefined;
}

type Token = { star: true } | { any: true } | { char: string };

/**
 * gitignore-style matching as GitHub applies it to CODEOWNERS: a pattern with a `/` at its start
 * or middle is anchored at the repository root, otherwise it matches at any depth; a pattern
 * owns what it matches and everything below it, except that a trailing `/` matches directories
 * only, a trailing `/**` needs something below, and a trailing lone `*` segment (`docs/*`)
 * matches direct children only. No `!` negation and no `[…]` ranges (GitHub has neither).
 * Segment by segment, without regular expressions: a hostile pattern cannot make it backtrack.
 */
export function patternMatches(pattern: string, path: readonly string[]): boolean {
  let p = pattern;
  const dirOnly = p.endsWith('/') && !p.endsWith('\\/');
  if (dirOnly) p = p.replace(/\/+$/, '');
  if (p === '') return false;
  const anchored = p.includes('/');
  const segments = p.replace(/^\/+/, '').split('/');
  if (!anchored) segments.unshift('**');
  const last = segments[segments.length - 1];
  const trailingStars = last === '**' && segments.length > 1;
  const childrenOnly = anchored && !dirOnly && last === '*';
  const tokens = segments.map((s) => (s === '**' ? undefined : tokenize(s)));
  for (let k = path.length; k >= 1; k--) {
    const isPath = k === path.length;
    if (dirOnly && !trailingStars && isPath) continue;
    if (childrenOnly && !isPath) continue;
    if (matchesAll(tokens, path.slice(0, k), trailingStars)) return true;
  }
  return false;
}

/** Do the pattern's segments match all of `path`? `undefined` is `**` (zero or more segments; one or more at the end). */
function matchesAll(segments: readonly (Token[] | undefined)[], path: readonly string[], trailingStars: boolean): boolean {
  // reach[j]: the segments so far can match exactly path[0..j)
  let reach = new Array<boolean>(path.length + 1).fill(false);
  reach[0] = true;
  segments.forEach((tokens, i) => {
    const next = new Array<boolean>(path.length + 1).fill(false);
    if (tokens === undefined) {
      const atEnd = trailingStars && i === segments.length - 1;
      let open = false;
      for (let j = 0; j <= path.length; j++) {
        if (open) next[j] = true;
        if (reach[j]) {
          open = true;
          if (!atEnd) next[j] = true;
        }
      }
    } else {
      for (let j = 0; j < path.length; j++) if (reach[j] && globMatches(tokens, path[j] as string)) next[j + 1] = true;
    }
    reach = next;
  });
  return reach[path.length] === true;
}

function tokenize(segment: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i] as string;
    if (c === '\\' && i + 1 < segment.length) tokens.push({ char: segment[++i] as string });
    else if (c === '*') tokens.push({ star: true });
    else if (c === '?') tokens.push({ any: true });
    else tokens.push({ char: c });
  }
  return tokens;
}

/** `*` and `?` within one segment, with one backtrack point (linear-ish, never exponential). */
function globMatches(tokens: readonly Token[], name: string): boolean {
  let t = 0;
  let c = 0;
  let starT = -1;
  let starC = 0;
  while (c < name.length) {
    const token = tokens[t];
    if (token !== undefined && 'star' in token) {
      starT = t++;
      starC = c;
    } else if (token !== undefined && ('any' in token || token.char === name[c])) {
      t++;
      c++;
    } else if (starT !== -1) {
      t = starT + 1;
      c = ++starC;
    } else return false;
  }
  while (t < tokens.length && 'star' in (tokens[t] as Token)) t++;
  return t === tokens.length;
}
