import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RouteTable } from './routeTable.js';
import { matchRouteTemplate, parseRouteTemplate, RouteTemplateError } from './routeTemplate.js';

// Templates are generated together with a request path built from them and the values that path carries; the
// matcher must give those values back. Other properties: nothing the matcher is given makes it throw, and a value
// that breaks a constraint never matches.

/** A piece of a generated route: its template text, its encoded path text (undefined when absent), its values. */
interface Piece {
  readonly template: string;
  readonly path: string | undefined;
  readonly values: readonly (readonly [string, string])[];
}

type PieceFactory = (name: () => string) => Piece;

interface ConstraintCase {
  readonly text: string;
  readonly value: fc.Arbitrary<string>;
}

/** Any non-empty text without '/': an encoded '/' is not decoded (the host keeps '%2F'), so it cannot round-trip. */
const anyValue = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }).filter((value) => !value.includes('/'));
const alnum = fc.stringMatching(/^[A-Za-z0-9\u00e9\u4e2d ]{1,8}$/);

const constraintCases: readonly ConstraintCase[] = [
  { text: '', value: anyValue },
  { text: ':int', value: fc.integer().map(String) },
  { text: ':long', value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String) },
  { text: ':alpha', value: fc.stringMatching(/^[A-Za-z]{1,10}$/) },
  { text: ':guid', value: fc.uuid() },
  { text: ':bool', value: fc.constantFrom('true', 'false', 'TRUE', 'False') },
  { text: ':length(3)', value: fc.stringMatching(/^[a-z0-9]{3}$/) },
  { text: ':minlength(2):maxlength(4)', value: fc.stringMatching(/^[a-z0-9]{2,4}$/) },
  { text: ':range(-5,5)', value: fc.integer({ min: -5, max: 5 }).map(String) },
  { text: ':int:min(0)', value: fc.nat().map(String) },
  { text: ':regex(^[a-z]+$)', value: fc.stringMatching(/^[a-z]{1,8}$/) },
  { text: ':regex(^\\d{{2,3}}$)', value: fc.stringMatching(/^\d{2,3}$/) },
  { text: ':decimal', value: fc.tuple(fc.integer(), fc.nat()).map(([whole, fraction]) => `${whole}.${fraction}`) },
  { text: ':double', value: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  { text: ':float', value: fc.float({ noNaN: true, noDefaultInfinity: true }).map(String) },
  { text: ':datetime', value: fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString()) },
];

const constraintCase = fc.constantFrom(...constraintCases);

/** Upper- or lower-cases some letters: literals match whatever the case. */
function recase(text: string, flips: readonly boolean[]): string {
  return Array.from(text, (ch, index) => (flips[index % Math.max(flips.length, 1)] === true ? ch.toUpperCase() : ch.toLowerCase())).join('');
}

// A template may not start with '~' (only '~/'), so literals do not either.
const literalSegment: fc.Arbitrary<PieceFactory> = fc
  .tuple(fc.stringMatching(/^[a-zA-Z\u00e9 ._-][a-zA-Z\u00e9 ._~-]{0,7}$/), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }))
  .map(([text, flips]) => () => ({ template: text, path: encodeURIComponent(recase(text, flips)), values: [] }));

const parameterSegment: fc.Arbitrary<PieceFactory> = constraintCase.chain(({ text, value }) =>
  value.map((sample) => (name: () => string) => {
    const parameter = name();
    return { template: `{${parameter}${text}}`, path: encodeURIComponent(sample), values: [[parameter, sample] as const] };
  }),
);

// Complex segments, with values that cannot contain the literals around them (otherwise the split is ambiguous).
const complexSegment: fc.Arbitrary<PieceFactory> = fc.oneof(
  fc.tuple(alnum, alnum, fc.constantFrom('-', '_', '~', '--')).map(([a, b, separator]) => (name: () => string) => {
    const [first, second] = [name(), name()];
    return {
      template: `{${first}}${separator}{${second}}`,
      path: encodeURIComponent(`${a}${separator}${b}`),
      values: [[first, a] as const, [second, b] as const],
    };
  }),
  fc.tuple(alnum.filter((value) => !/v/i.test(value)), fc.constantFrom('v', 'file-', 'x_')).map(([a, prefix]) => (name: () => string) => {
    const parameter = name();
    return { template: `${prefix}{${parameter}}`, path: encodeURIComponent(`${prefix}${a}`), values: [[parameter, a] as const] };
  }),
  fc.tuple(alnum, fc.option(alnum, { nil: undefined })).map(([stem, extension]) => (name: () => string) => {
    const [first, second] = [name(), name()];
    return {
      template: `{${first}}.{${second}?}`,
      path: encodeURIComponent(extension === undefined ? stem : `${stem}.${extension}`),
      values: extension === undefined ? [[first, stem] as const] : [[first, stem] as const, [second, extension] as const],
    };
  }),
);

/** A trailing parameter that may be left out: optional (absent → omitted) or defaulted (absent → default). */
const tailParameter = fc.record({
  present: fc.boolean(),
  constraint: constraintCase,
  defaulted: fc.boolean(),
});

interface GeneratedRoute {
  readonly template: string;
  readonly path: string;
  readonly expected: Record<string, string>;
}

const generatedRoute: fc.Arbitrary<GeneratedRoute> = fc
  .record({
    body: fc.array(fc.oneof(literalSegment, parameterSegment, complexSegment), { maxLength: 5 }),
    tail: fc.array(tailParameter.chain((tail) => tail.constraint.value.chain((present) => tail.constraint.value.map((fallback) => ({ ...tail, sample: present, fallback })))), { maxLength: 3 }),
    catchAll: fc.option(fc.array(anyValue, { minLength: 1, maxLength: 3 }), { nil: undefined }),
    catchAllPresent: fc.boolean(),
    trailingSlash: fc.boolean(),
  })
  .map(({ body, tail, catchAll, catchAllPresent, trailingSlash }) => {
    let counter = 0;
    const name = (): string => `p${counter++}`;
    const pieces: Piece[] = body.map((factory) => factory(name));
    let allPresent = true;
    for (const parameter of tail) {
      const parameterName = name();
      allPresent &&= parameter.present;
      const suffix = parameter.defaulted ? `=${parameter.fallback.replaceAll('{', '{{').replaceAll('}', '}}')}` : '?';
      const value = allPresent ? parameter.sample : parameter.defaulted ? parameter.fallback : undefined;
      pieces.push({
        template: `{${parameterName}${parameter.constraint.text}${suffix}}`,
        path: allPresent ? encodeURIComponent(parameter.sample) : undefined,
        values: value === undefined ? [] : [[parameterName, value]],
      });
    }
    let catchAllText: string | undefined;
    if (catchAll !== undefined) {
      const parameterName = name();
      const present = allPresent && catchAllPresent;
      catchAllText = present ? catchAll.join('/') : undefined;
      pieces.push({
        template: `{*${parameterName}}`,
        path: present ? catchAll.map(encodeURIComponent).join('/') : undefined,
        values: catchAllText === undefined ? [] : [[parameterName, catchAllText]],
      });
    }
    const pathParts = pieces.map((piece) => piece.path).filter((part): part is string => part !== undefined);
    let path = pathParts.join('/');
    if (trailingSlash && path !== '' && catchAllText === undefined) path += '/';
    return {
      template: pieces.map((piece) => piece.template).join('/'),
      path,
      expected: Object.fromEntries(pieces.flatMap((piece) => piece.values)),
    };
  });

describe('route templates (properties)', () => {
  it('give back the values a path was built from', () => {
    fc.assert(
      fc.property(generatedRoute, ({ template, path, expected }) => {
        expect(matchRouteTemplate(parseRouteTemplate(template), path)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('match the same way through a route table with a prefix and any method casing', () => {
    fc.assert(
      fc.property(generatedRoute, fc.constantFrom('get', 'GET', 'Get'), ({ template, path, expected }, method) => {
        // A blank route means the function's name, as in the host; that case has its own example test.
        if (template.trim() === '') return;
        const table = RouteTable.build([{ functionName: 'fn', route: template, methods: ['GET'] }], { routePrefix: 'api' });
        expect(table.match(method, `/api/${path}`)).toEqual({ functionName: 'fn', params: expected });
      }),
      { numRuns: 300 },
    );
  });

  const templates = [
    '',
    'products/{id:int?}',
    'files/{*path}',
    '{a}.{b}',
    '{name}.{ext?}',
    'file-{name:alpha}.txt',
    '{controller=Home}/{action=Index}/{id?}',
    'x/{v:regex(^[a-z]+$)}/{d:datetime}',
    '{g:guid}/{n:decimal}/{f:double}/{b:bool}',
    '{**catchAll:minlength(2)}',
  ].map(parseRouteTemplate);

  it('never throw, whatever the path', () => {
    const pathText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: fc.constantFrom('/', '%', '2', 'F', 'f', 'E', '0', 'a', '.', '{', '}', '\uD800', '\uDC00', ' '), maxLength: 40 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...templates), pathText, (route, path) => {
        const values = matchRouteTemplate(route, path);
        if (values !== undefined) {
          for (const value of Object.values(values)) expect(typeof value).toBe('string');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throw anything but RouteTemplateError, whatever the template', () => {
    const templateText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom('{', '}', '/', '?', '*', ':', '=', '(', ')', 'a', 'int', 'regex', '.', '~', '\\'), maxLength: 20 }),
    );
    fc.assert(
      fc.property(templateText, (template) => {
        try {
          const route = parseRouteTemplate(template);
          expect(route.template).toBe(template);
        } catch (error) {
          expect(error).toBeInstanceOf(RouteTemplateError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never throw from a route table, whatever the method and path', () => {
    const table = RouteTable.build(
      [
        { functionName: 'a', route: 'products/{id:int?}', methods: ['GET', 'POST'] },
        { functionName: 'b', route: 'files/{*path}', methods: [] },
        { functionName: 'c', route: '{x}.{y}', methods: ['PUT'] },
      ],
      { routePrefix: 'api' },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), fc.string({ unit: 'binary', maxLength: 40 }), (method, path) => {
        const found = table.match(method, path);
        if (found !== undefined) expect(['a', 'b', 'c']).toContain(found.functionName);
      }),
      { numRuns: 2000 },
    );
  });

  const violations: [constraint: string, value: fc.Arbitrary<string>][] = [
    ['int', fc.bigInt({ min: 2n ** 31n, max: 2n ** 80n }).map((value) => String(value))],
    ['int', fc.tuple(fc.integer(), fc.stringMatching(/^[a-z.]$/)).map(([value, junk]) => `${value}${junk}`)],
    ['long', fc.bigInt({ min: 2n ** 63n, max: 2n ** 100n }).map((value) => `-${value + 1n}`)],
    ['alpha', fc.tuple(fc.stringMatching(/^[a-z]{0,4}$/), fc.constantFrom('1', '-', '\u00e9', '_')).map(([letters, other]) => `${letters}${other}`)],
    ['guid', fc.uuid().map((uuid) => uuid.slice(1))],
    ['bool', fc.stringMatching(/^[a-z]{1,6}$/).filter((value) => value !== 'true' && value !== 'false')],
    ['length(3)', fc.stringMatching(/^[a-z]{4,9}$/)],
    ['minlength(5)', fc.stringMatching(/^[a-z]{1,4}$/)],
    ['maxlength(2)', fc.stringMatching(/^[a-z]{3,9}$/)],
    ['range(-5,5)', fc.oneof(fc.integer({ min: 6 }), fc.integer({ max: -6 })).map(String)],
    ['min(10)', fc.integer({ max: 9 }).map(String)],
    ['max(10)', fc.integer({ min: 11 }).map(String)],
    ['regex(^[a-z]+$)', fc.stringMatching(/^[a-z]*[0-9][a-z]*$/)],
    ['decimal', fc.tuple(fc.integer(), fc.nat()).map(([whole, exponent]) => `${whole}e${exponent}`)],
    ['double', fc.stringMatching(/^[a-df-z]{1,5}$/).filter((value) => !/^(nan|infinity)$/i.test(value))],
    ['datetime', fc.integer({ min: 32, max: 99 }).map((day) => `2024-01-${day}`)],
  ];

  it.each(violations)('never match a value that breaks %s', (constraint, value) => {
    const required = parseRouteTemplate(`v/{x:${constraint}}`);
    const optional = parseRouteTemplate(`v/{x:${constraint}?}`);
    fc.assert(
      fc.property(value, (sample) => {
        const path = `v/${encodeURIComponent(sample)}`;
        expect(matchRouteTemplate(required, path)).toBeUndefined();
        expect(matchRouteTemplate(optional, path)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});

describe('route tables (properties)', () => {
  const routePool = [
    'users/ping',
    'users/{id:int}',
    'users/{name}',
    'users/{id:int}/orders',
    'users/{*rest}',
    'files/{name}.{ext?}',
    'files/{*path}',
    '{tenant}/reports/{id:guid}',
    '{tenant}/{page=home}',
    'v{major:int}/status',
  ];

  it('give the same order and answers whatever the registration order', () => {
    const paths = fc.constantFrom(
      '/api/users/ping',
      '/api/users/12',
      '/api/users/bob',
      '/api/users/12/orders',
      '/api/users/a/b',
      '/api/files/a.txt',
      '/api/files/a',
      '/api/files/x/y',
      '/api/acme/reports/6f9619ff-8b86-d011-b42d-00c04fc964ff',
      '/api/acme',
      '/api/v2/status',
      '/api/nothing/here/at/all',
    );
    fc.assert(
      fc.property(fc.shuffledSubarray(routePool, { minLength: 1 }), fc.array(paths, { maxLength: 5 }), (routes, requests) => {
        const definitions = routes.map((route) => ({ functionName: route, route, methods: ['GET'] }));
        const forward = RouteTable.build(definitions, { routePrefix: 'api' });
        const backward = RouteTable.build([...definitions].reverse(), { routePrefix: 'api' });
        expect(backward.functionNames).toEqual(forward.functionNames);
        for (const request of requests) expect(backward.match('GET', request)).toEqual(forward.match('GET', request));
      }),
      { numRuns: 300 },
    );
  });

  it('let a literal segment win over a parameter at the same position', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,8}$/), fc.boolean(), (literal, literalFirst) => {
        const definitions = [
          { functionName: 'literal', route: `x/${literal}`, methods: ['GET'] },
          { functionName: 'parameter', route: 'x/{value}', methods: ['GET'] },
        ];
        const table = RouteTable.build(literalFirst ? definitions : [...definitions].reverse(), { routePrefix: '' });
        expect(table.match('GET', `/x/${literal.toUpperCase()}`)?.functionName).toBe('literal');
        expect(table.match('GET', `/x/${literal}z`)?.functionName).toBe('parameter');
      }),
    );
  });
});
