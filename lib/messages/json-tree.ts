/**
 * A small JSON parser that keeps number literals as written, so 64-bit ids in message values
 * are never rounded by JavaScript numbers. Used to pretty-print on the server and to draw the
 * collapsible tree in the browser.
 */
export type JsonNode =
  | { t: 'obj'; entries: [string, JsonNode][] }
  | { t: 'arr'; items: JsonNode[] }
  | { t: 'str'; v: string }
  | { t: 'num'; raw: string }
  | { t: 'lit'; raw: 'true' | 'false' | 'null' };

export function parseJsonTree(text: string): JsonNode {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const fail = (what: string): never => {
    throw new SyntaxError(`${what} at position ${i}`);
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail('Unterminated string');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (depth: number): JsonNode => {
    if (depth > 500) fail('Nesting too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: [string, JsonNode][] = [];
      ws();
      if (text[i] === '}') return (i++, { t: 'obj', entries });
      for (;;) {
        ws();
        if (text[i] !== '"') fail('Expected a key');
        const k = str();
        ws();
        if (text[i++] !== ':') fail('Expected ":"');
        entries.push([k, value(depth + 1)]);
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return (i++, { t: 'obj', entries });
        else fail('Expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') return (i++, { t: 'arr', items });
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return (i++, { t: 'arr', items });
        else fail('Expected "," or "]"');
      }
    }
    if (c === '"') return { t: 'str', v: str() };
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0]) {
      i += m[0].length;
      return { t: 'num', raw: m[0] };
    }
    for (const lit of ['true', 'false', 'null'] as const) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return { t: 'lit', raw: lit };
      }
    }
    return fail('Unexpected character');
  };
  const root = value(0);
  ws();
  if (i !== text.length) fail('Unexpected trailing data');
  return root;
}

export function printJsonTree(node: JsonNode, indent = '  ', pad = ''): string {
  switch (node.t) {
    case 'str':
      return JSON.stringify(node.v);
    case 'num':
    case 'lit':
      return node.raw;
    case 'arr': {
      if (node.items.length === 0) return '[]';
      const inner = pad + indent;
      return `[\n${node.items.map((n) => inner + printJsonTree(n, indent, inner)).join(',\n')}\n${pad}]`;
    }
    case 'obj': {
      if (node.entries.length === 0) return '{}';
      const inner = pad + indent;
      return `{\n${node.entries.map(([k, n]) => `${inner}${JSON.stringify(k)}: ${printJsonTree(n, indent, inner)}`).join(',\n')}\n${pad}}`;
    }
  }
}
