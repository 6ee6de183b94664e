// What the workflow bundle evaluates is paid for in every cached workflow (bench/workflow-memory.ts):
// zod alone made a cached ticket cost several times a bare workflow. The workflows import only
// zod-free domain modules (domain/ticket, ticket-commands, vocabulary, business-time, …), and those are
// preloaded (platform/workflow-bundle.ts): evaluated once per worker and shared by every workflow in it —
// so they must keep no state of their own that differs per workflow.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PRELOADED_WORKFLOW_MODULES } from '../../platform/workflow-bundle';
import { workflowBundle } from '../support/temporal';

const HEAVY = ['zod', 'i18next', 'drizzle-orm', 'pg', '@electric-sql/pglite', 'nodemailer'];

/** The bundle's modules and what each requires, and what the worker evaluates when: at start-up (the
 * SDK's runtime), in the preload hook (once per worker), and per workflow (importWorkflows). */
function bundleGraph(code: string) {
  const requires = (s: string) => [...s.matchAll(/__webpack_require__\((?:\/\*[^]*?\*\/\s*)*"([^"]+)"\)/g)].map((m) => m[1]);
  const modulesEnd = code.search(/^\/\*{72}\/$/m);
  const headers = [...code.slice(0, modulesEnd).matchAll(/^\/\*\*\*\/ "([^"]+)"$/gm)];
  const deps = new Map(headers.map((m, i) => [m[1], requires(code.slice(m.index, i + 1 < headers.length ? headers[i + 1].index : modulesEnd))]));
  const entry = code.slice(modulesEnd);
  const section = (from: string, to: string) => entry.slice(entry.indexOf(from), entry.indexOf(to));
  const closure = (roots: string[]) => {
    const seen = new Set<string>();
    const todo = [...roots];
    while (todo.length) {
      const id = todo.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      todo.push(...(deps.get(id) ?? []));
    }
    return seen;
  };
  const atStart = closure(requires(section('const api', 'exports.preloadModules')));
  const preloadRoots = requires(section('exports.preloadModules', 'exports.importWorkflows'));
  const shared = closure([...atStart, ...preloadRoots]);
  const perWorkflow = [...closure(requires(section('exports.importWorkflows', 'exports.importInterceptors')))].filter((id) => !shared.has(id));
  return { modules: [...deps.keys()], preloadRoots, preloaded: [...shared].filter((id) => !atStart.has(id)), perWorkflow };
}

/**
 * Top-level state of a module that code could change after the module is loaded: a `let`/`var`, a
 * top-level binding that is assigned into, has a property written or deleted, or a mutating method called
 * on it (Map/Set/Array), a static class field that is not readonly, a global or sticky regex whose
 * lastIndex moves (.test/.exec). Static and by name: a collection handed to a helper that mutates it is
 * not seen — the replay over one worker below is the check that runs the code.
 */
function topLevelMutableState(fileName: string, source: string): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found = new Set<string>();
  const names = new Set<string>();
  const statefulRegex = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) {
      const isConst = (st.declarationList.flags & ts.NodeFlags.Const) !== 0;
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name)) {
          if (!isConst) found.add(`top-level let/var ${d.name.getText(sf)}`);
          continue; // destructured consts: bindings of another module's values (activity proxies)
        }
        if (!isConst) found.add(`top-level let/var ${d.name.text}`);
        names.add(d.name.text);
        const init = d.initializer;
        const flags =
          init && ts.isRegularExpressionLiteral(init)
            ? init.text.slice(init.text.lastIndexOf('/') + 1)
            : init && ts.isNewExpression(init) && init.expression.getText(sf) === 'RegExp' && init.arguments?.[1] && ts.isStringLiteral(init.arguments[1])
              ? init.arguments[1].text
              : '';
        if (/[gy]/.test(flags)) statefulRegex.add(d.name.text);
      }
    } else if ((ts.isClassDeclaration(st) || ts.isFunctionDeclaration(st)) && st.name) {
      names.add(st.name.text);
      if (ts.isClassDeclaration(st)) {
        for (const m of st.members) {
          const mods = ts.canHaveModifiers(m) ? (ts.getModifiers(m) ?? []) : [];
          if (ts.isPropertyDeclaration(m) && mods.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) && !mods.some((x) => x.kind === ts.SyntaxKind.ReadonlyKeyword)) {
            found.add(`static field ${st.name.text}.${m.name.getText(sf)}`);
          }
        }
      }
    }
  }
  const MUTATORS = new Set(['set', 'add', 'delete', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);
  /** The top-level name an expression such as `a.b[c].d` starts from. */
  const rootName = (e: ts.Expression): string | null => {
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
    return ts.isIdentifier(e) && names.has(e.text) ? e.text : null;
  };
  const isWrite = (k: ts.SyntaxKind) => k >= ts.SyntaxKind.FirstAssignment && k <= ts.SyntaxKind.LastAssignment;
  const visit = (node: ts.Node) => {
    if (ts.isBinaryExpression(node) && isWrite(node.operatorToken.kind)) {
      const l = node.left;
      const root = rootName(l);
      if (root && !ts.isIdentifier(l)) found.add(`${root}: property written`);
      if (root && ts.isIdentifier(l)) found.add(`${root}: reassigned`);
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && [ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(node.operator)) {
      const root = rootName(node.operand);
      if (root) found.add(`${root}: incremented`);
    } else if (ts.isDeleteExpression(node)) {
      const root = rootName(node.expression);
      if (root) found.add(`${root}: property deleted`);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee)) {
        const root = rootName(callee.expression);
        const method = callee.name.text;
        if (root && MUTATORS.has(method)) found.add(`${root}.${method}()`);
        if (root && statefulRegex.has(root) && ['test', 'exec'].includes(method)) found.add(`${root}.${method}() on a global/sticky regex`);
        if (callee.getText(sf) === 'Object.assign' || callee.getText(sf) === 'Object.defineProperty') {
          const root0 = node.arguments[0] && rootName(node.arguments[0]);
          if (root0) found.add(`${root0}: ${callee.getText(sf)}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return [...found].sort();
}

/** Deliberate shared state in preloaded modules, each with why sharing it across workflows is safe. */
const ALLOWED: Record<string, string> = {
  // One Intl formatter per time zone, built on first use: what it formats depends only on the zone (its
  // key), never on which workflow asked first, so sharing it is deterministic and saves building one per
  // ticket. An unknown zone is cached as the UTC formatter — again a function of the key alone.
  'domain/business-time.ts formatters.set()': 'a cache keyed by time zone',
};

describe('the workflow bundle', () => {
  const { code } = workflowBundle();
  const graph = bundleGraph(code);

  it('carries no heavy module', () => {
    // Module ids are paths relative to the project: node_modules may sit above it (a worktree's symlink).
    const packages = graph.modules.flatMap((id) => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1] ?? []);
    expect(packages).toContain('@temporalio/workflow'); // the pattern still finds modules
    expect([...new Set(packages)].filter((m) => HEAVY.includes(m))).toEqual([]);
    const domain = graph.modules.flatMap((id) => /^\.\/domain\/(.+)$/.exec(id)?.[1] ?? []);
    expect(domain).toContain('ticket-commands.ts');
    expect(domain).not.toContain('types.ts'); // its zod schemas came along with it
  });

  it('is built with the preload hook, as the product worker bundles it (test/global-setup.ts)', () => {
    expect(graph.preloadRoots).toHaveLength(PRELOADED_WORKFLOW_MODULES.length);
    expect(graph.preloadRoots).toContain('./workflows/ticket-state.ts');
    expect(graph.preloadRoots.some((id) => id.endsWith('node_modules/@temporalio/workflow/lib/index.js'))).toBe(true);
  });

  it('evaluates nothing per workflow but the workflows index: every module it imports is preloaded', () => {
    // A module added to the workflows and not to PRELOADED_WORKFLOW_MODULES shows here: list it there (after
    // checking it keeps no per-workflow state) or say here why it must stay per workflow.
    expect(graph.perWorkflow).toEqual(['./workflows/index.ts']);
  });

  it('has no top-level state in the preloaded modules that a workflow could change, but the named caches', () => {
    // Every project module in the shared closure, not only those listed: what they import is shared too.
    // Modules of the SDK (@temporalio/*) and its dependencies are the SDK's to keep sharable: its runtime
    // is shared by every workflow of a reusable context whether we preload or not.
    const ours = graph.preloaded.filter((id) => id.startsWith('./') && !id.includes('node_modules'));
    expect(ours.length).toBeGreaterThanOrEqual(20);
    const findings = ours.flatMap((id) => {
      const file = id.slice(2);
      return topLevelMutableState(file, readFileSync(path.resolve(file), 'utf8')).map((f) => `${file} ${f}`);
    });
    expect(findings.filter((f) => !(f in ALLOWED))).toEqual([]);
    expect(Object.keys(ALLOWED).filter((a) => !findings.includes(a))).toEqual([]); // no stale allowance
  });

  it('the state check finds what it looks for', () => {
    const src = `
      let counter = 0;
      const cache = new Map<string, number>();
      const seen: string[] = [];
      const conf = { n: 1 };
      const G = /x/g;
      const fine = new Set(['a']);
      export class K { static count = 0; static readonly LIMIT = 3; }
      export function f(k: string) { cache.set(k, 1); seen.push(k); conf.n++; return G.test(k) && fine.has(k); }
      export function g() { const local = new Map(); local.set(1, 2); return local; }
    `;
    expect(topLevelMutableState('probe.ts', src)).toEqual(['G.test() on a global/sticky regex', 'cache.set()', 'conf: incremented', 'seen.push()', 'static field K.count', 'top-level let/var counter']);
  });

  it('replays every saved history in one worker, in both orders: no workflow sees state another left', async () => {
    // Worker.runReplayHistories runs the histories in one worker and one reusable context, so the preloaded
    // modules are shared between them as between live tickets; one replay per worker (replay.test.ts)
    // would not show a leak from one workflow to the next.
    const dir = path.resolve('test/fixtures/histories');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(20);
    const histories = files.map((file) => ({ file, history: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { events: unknown[] } }));
    for (const order of [histories, [...histories].reverse()]) {
      const failed: string[] = [];
      const replay = Worker.runReplayHistories(
        { workflowBundle: { code }, replayName: 'shared-modules' },
        order.map(({ file, history }) => ({ workflowId: file.replace(/\.json$/, ''), history: history as never })),
      );
      let replayed = 0;
      for await (const result of replay) {
        replayed++;
        if (result.error) failed.push(`${result.workflowId}: ${String(result.error)}`);
      }
      expect(failed).toEqual([]);
      expect(replayed).toBe(files.length);
    }
  }, 180_000);
});
