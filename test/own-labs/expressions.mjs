// GitHub Actions expressions, as much of them as a workflow of labs uses: literals, the contexts
// matrix, vars, env and steps.<id>.outputs, `==`, `!=`, `!`, `&&`, `||` (the value of the first
// truthy operand, so `vars.X || 'default'`), parentheses and always()/success()/failure().
// Anything else is refused, so the runner never guesses what a workflow means.

const TOKEN = /\s*(?:('(?:[^']|'')*')|(\d+(?:\.\d+)?)|(==|!=|&&|\|\||[!()])|([A-Za-z_][\w.-]*))/y;

function tokens(text) {
  const out = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`expression ${JSON.stringify(text)}: cannot read it at ${JSON.stringify(text.slice(TOKEN.lastIndex))}`);
    if (m[1] !== undefined) out.push({ value: m[1].slice(1, -1).replaceAll("''", "'") });
    else if (m[2] !== undefined) out.push({ value: Number(m[2]) });
    else if (m[3] !== undefined) out.push({ op: m[3] });
    else out.push({ name: m[4] });
  }
  return out;
}

/** A context's value: missing vars and outputs are '', as on GitHub; an unknown context is refused. */
function lookup(path, ctx) {
  const [head, ...rest] = path.split('.');
  const roots = { matrix: ctx.matrix, vars: ctx.vars, env: ctx.env, steps: ctx.steps };
  if (path === 'true' || path === 'false') return path === 'true';
  if (!(head in roots)) throw new Error(`expression: the context ${head} is not known here (${path})`);
  let v = roots[head];
  for (const k of rest) v = v?.[k];
  return v ?? '';
}

function parser(list, ctx) {
  let i = 0;
  const peek = () => list[i];
  const take = (op) => (peek()?.op === op ? (i++, true) : false);
  const primary = () => {
    const t = list[i++];
    if (!t) throw new Error('expression: ends too early');
    if (t.op === '!') return !primary();
    if (t.op === '(') {
      const v = or();
      if (!take(')')) throw new Error('expression: ( without )');
      return v;
    }
    if ('value' in t) return t.value;
    if (t.name && take('(')) {
      if (!take(')')) throw new Error(`expression: ${t.name}() takes no arguments here`);
      const f = { always: () => true, success: () => !ctx.failed, failure: () => ctx.failed }[t.name];
      if (!f) throw new Error(`expression: the function ${t.name}() is not known here`);
      return f();
    }
    if (t.name) return lookup(t.name, ctx);
    throw new Error(`expression: unexpected ${t.op}`);
  };
  const cmp = () => {
    const left = primary();
    if (take('==')) return String(left) === String(primary());
    if (take('!=')) return String(left) !== String(primary());
    return left;
  };
  const and = () => {
    let v = cmp();
    while (take('&&')) {
      const r = cmp();
      v = v ? r : v;
    }
    return v;
  };
  const or = () => {
    let v = and();
    while (take('||')) {
      const r = and();
      v = v ? v : r;
    }
    return v;
  };
  const value = or();
  if (i < list.length) throw new Error(`expression: unexpected ${JSON.stringify(list[i])}`);
  return value;
}

/** The value of an expression (an `if:` may leave out the ${{ }}). */
export function evaluate(expr, ctx) {
  const inner = String(expr)
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  return parser(tokens(inner), ctx);
}

/** A string with each ${{ … }} replaced by its value. */
export function interpolate(text, ctx) {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e) => String(evaluate(e, ctx)));
}
