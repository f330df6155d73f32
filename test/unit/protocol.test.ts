// The client and the server speak only the custom messages declared in
// server/src/protocol.ts, by their constants: no method string elsewhere, every
// sendRequest/sendNotification/onRequest/onNotification of the sources names a
// declared message through `requestType`/`notificationType` (which type its
// params and result), and each message has a sender on one side and a handler
// on the other. Read from the sources' syntax trees (no type check).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import * as protocol from '../../server/src/protocol';
import { ROOT } from '../helpers';

const PROTOCOL = path.join(ROOT, 'server', 'src', 'protocol.ts');
const SIDES = { server: path.join(ROOT, 'server', 'src'), client: path.join(ROOT, 'client', 'src') } as const;
type Side = keyof typeof SIDES;

/** The declared messages: export name -> method and whether it is a request. */
const DECLARED = new Map(
  Object.entries(protocol)
    .filter(
      (e): e is [string, { method: string }] =>
        typeof e[1] === 'object' && e[1] !== null && typeof (e[1] as { method?: unknown }).method === 'string',
    )
    .map(([name, s]) => [name, { method: s.method, request: 'params' in s }]),
);

const CALLS = { sendRequest: 'send', sendNotification: 'send', onRequest: 'handle', onNotification: 'handle' } as const;
const METHOD_STRING = /^aml-yaml\/[A-Za-z]/;

interface Use {
  file: string;
  message: string;
  role: 'send' | 'handle';
}

/** The uses of custom messages in one source file, and what breaks the rule. */
export function scan(file: string, text: string): { uses: Use[]; violations: string[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const uses: Use[] = [];
  const violations: string[] = [];
  const at = (n: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const visit = (n: ts.Node) => {
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && METHOD_STRING.test(n.text)) {
      violations.push(`${at(n)}: the method string '${n.text}' (name the message by its protocol.ts constant)`);
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && Object.hasOwn(CALLS, n.expression.name.text)) {
      const call = n.expression.name.text as keyof typeof CALLS;
      const arg = n.arguments[0];
      const wrapper = call.endsWith('Request') ? 'requestType' : 'notificationType';
      const named =
        arg &&
        ts.isCallExpression(arg) &&
        ts.isIdentifier(arg.expression) &&
        arg.expression.text === wrapper &&
        arg.arguments.length === 1 &&
        ts.isIdentifier(arg.arguments[0])
          ? arg.arguments[0].text
          : undefined;
      const declared = named !== undefined ? DECLARED.get(named) : undefined;
      if (!declared || declared.request !== (wrapper === 'requestType')) {
        violations.push(
          `${at(n)}: ${call}(${arg ? arg.getText(source) : ''}) does not name a ${wrapper === 'requestType' ? 'request' : 'notification'} of protocol.ts through ${wrapper}(...)`,
        );
      } else uses.push({ file, message: named!, role: CALLS[call] });
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return { uses, violations };
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => f !== PROTOCOL);
}

const scanned = (Object.keys(SIDES) as Side[]).flatMap((side) =>
  sourceFiles(SIDES[side]).map((f) => ({ side, ...scan(path.relative(ROOT, f), fs.readFileSync(f, 'utf8')) })),
);

describe('protocol: the custom messages between client and server', () => {
  it('declares each method once, under aml-yaml/', () => {
    const methods = [...DECLARED.values()].map((d) => d.method);
    assert.ok(methods.length >= 6, `only ${methods.length} messages found in protocol.ts`);
    assert.deepEqual(
      methods.filter((m) => !METHOD_STRING.test(m)),
      [],
    );
    assert.equal(new Set(methods).size, methods.length, 'a method is declared twice');
  });

  it('the sources name messages only by their protocol.ts declarations', () => {
    assert.deepEqual(
      scanned.flatMap((s) => s.violations),
      [],
    );
  });

  it('every message has a sender on one side and a handler on the other', () => {
    const problems: string[] = [];
    for (const [name, d] of DECLARED) {
      const where = (role: Use['role']) =>
        new Set(scanned.filter((s) => s.uses.some((u) => u.message === name && u.role === role)).map((s) => s.side));
      const senders = where('send');
      const handlers = where('handle');
      const ok = d.request ? senders.has('client') && handlers.has('server') : [...senders].some((s) => [...handlers].some((h) => h !== s));
      if (!ok) problems.push(`${name} (${d.method}): sent by [${[...senders]}], handled by [${[...handlers]}]`);
    }
    assert.deepEqual(problems, []);
  });

  it('the check sees a method string and a message not declared (it can fail)', () => {
    const bad = scan(
      'x.ts',
      "client.sendRequest('aml-yaml/kinds');\nclient.sendNotification(notificationType(NoSuchNotification), {});\nc.onRequest(notificationType(KindNotification), () => null);\n",
    );
    assert.equal(bad.violations.length, 4, bad.violations.join('\n'));
    const good = scan(
      'x.ts',
      'client.sendRequest(requestType(KindsRequest));\nconnection.onNotification(notificationType(RedHatYamlNotification), () => undefined);\n',
    );
    assert.deepEqual(good.violations, []);
    assert.deepEqual(
      good.uses.map((u) => `${u.message}:${u.role}`),
      ['KindsRequest:send', 'RedHatYamlNotification:handle'],
    );
  });
});
