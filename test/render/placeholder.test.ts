import { describe, expect, it } from 'vitest';
import { scanPlaceholders } from '../../src/render/placeholder.js';
import { compileStencil, type TemplateNode } from '../../src/render/stencil.js';

/** Literal parts as strings, placeholders as `{path}`. */
function shape(text: string): string[] {
  return scanPlaceholders(text).parts.map((p) => (typeof p === 'string' ? p : `{${p.path.join('.')}}`));
}

describe('scanPlaceholders (SPEC §2.1)', () => {
  it.each([
    ['${name}', ['{name}']],
    ['${a.b.c}', ['{a.b.c}']],
    ['${ name }', ['{name}']],
    ['${\tname\t}', ['{name}']],
    ['${_x-1.y_2}', ['{_x-1.y_2}']],
    ['pre ${a} mid ${b} post', ['pre ', '{a}', ' mid ', '{b}', ' post']],
    ['${a}${b}', ['{a}', '{b}']],
    ['$${HOME}', ['${HOME}']],
    ['$${a} ${a}', ['${a} ', '{a}']],
    ['$5 and $ and $$', ['$5 and $ and $$']],
    ['cost: $', ['cost: $']],
    ['{not} $ {a}', ['{not} $ {a}']],
    ['', ['']],
  ])('%j', (text, parts) => {
    const scan = scanPlaceholders(text);
    expect(scan.errors).toEqual([]);
    expect(shape(text)).toEqual(parts);
  });

  it.each([
    ['${a+b}', [0]],
    ['${HOME:-x}', [0]],
    ['${}', [0]],
    ['${ }', [0]],
    ['${a..b}', [0]],
    ['${1abc}', [0]],
    ['${a.}', [0]],
    ['${a b}', [0]],
    ['x ${', [2]],
    ['${a} ${b', [5]],
    ['${a} ${-} ${b+}', [5, 10]],
  ])('%j is a syntax error at %j', (text, starts) => {
    expect(scanPlaceholders(text).errors.map((e) => e.start)).toEqual(starts);
  });

  it('marks text without placeholders or escapes as not templated', () => {
    expect(scanPlaceholders('plain $ text').templated).toBe(false);
    expect(scanPlaceholders('$${x}').templated).toBe(true);
  });
});

/** Every placeholder of a compiled stencil as `path@line:column`. */
function refs(text: string): string[] {
  const { stencil, diagnostics } = compileStencil('stencils/t.yaml', 't.yaml', text);
  expect(diagnostics).toEqual([]);
  const out: string[] = [];
  const at = (path: readonly string[], offset: number) => {
    const l = stencil.source.location(offset);
    out.push(`${path.join('.')}@${l.line}:${l.column}`);
  };
  const visit = (n: TemplateNode): void => {
    if (n.t === 'whole') at(n.ref.path, n.ref.offset);
    else if (n.t === 'text') for (const p of n.parts) typeof p !== 'string' && at(p.path, p.offset);
    else if (n.t === 'seq') n.items.forEach(visit);
    else if (n.t === 'map')
      for (const e of n.entries) {
        if (typeof e.key !== 'string') for (const p of e.key) typeof p !== 'string' && at(p.path, p.offset);
        visit(e.value);
      }
  };
  for (const d of stencil.documents) visit(d.root);
  return out;
}

describe('placeholder positions in the stencil source', () => {
  it.each([
    ['plain', 'a: ${x}\n', ['x@1:4']],
    ['plain, spaces inside', 'a:   ${ x }\n', ['x@1:6']],
    ['plain interpolation', 'a: p-${x}-${y}\n', ['x@1:6', 'y@1:11']],
    ['double quoted', 'a: "${x}"\n', ['x@1:5']],
    ['double quoted with escapes before', 'a: "\\t\\"q\\" ${x}"\n', ['x@1:13']],
    ['single quoted with doubled quote', "a: 'it''s ${x}'\n", ['x@1:11']],
    ['after an escape', 'a: $${HOME}/${x}\n', ['x@1:13']],
    ['block literal', 'a: |\n  one\n  two ${x}\n', ['x@3:7']],
    ['block folded', 'a: >-\n  one\n\n  ${x} two\n', ['x@4:3']],
    ['multi-line plain', 'a: one\n  two ${x}\n', ['x@2:7']],
    ['multi-line double quoted', 'a: "one\n  two ${x}"\n', ['x@2:7']],
    ['key', '${k}-key: v\n', ['k@1:1']],
    ['quoted key', '"${k}": v\n', ['k@1:2']],
    ['sequence item', 'a:\n  - ${x}\n  - "${y}"\n', ['x@2:5', 'y@3:6']],
    ['block literal with a comment in its header', 'a: | # see ${x}\n  value ${y}\n', ['y@2:9']],
    ['block folded with a comment in its header', 'a: >- # ${x}\n  v ${y}\n', ['y@2:5']],
    ['after a tag or an anchor', 'a: !!str ${x}\nb: &anc ${y}\n', ['x@1:10', 'y@2:9']],
    ['comment ignored', 'a: ${x} # ${not}\n# ${nor}\n', ['x@1:4']],
    ['second document', 'a: 1\n---\nb: ${x}\n', ['x@3:4']],
    ['CRLF line ends', 'a: 1\r\nb: ${x}\r\n', ['x@2:4']],
  ])('%s', (_label, text, expected) => {
    expect(refs(text)).toEqual(expected);
  });

  it.each([
    ['a: ${a+b}\n', 1, 4],
    ['a: "x ${}"\n', 1, 7],
    ['a: |\n  fine\n  ${HOME:-x}\n', 3, 3],
    ['a: ok\nb: "x $${ok} ${"\n', 2, 14],
  ])('PLACEHOLDER_SYNTAX in %j at %d:%d', (text, line, column) => {
    const { diagnostics } = compileStencil('stencils/t.yaml', 't.yaml', text);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['PLACEHOLDER_SYNTAX', line, column]]);
  });
});
