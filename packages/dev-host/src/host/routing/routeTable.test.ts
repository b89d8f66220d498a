import { describe, expect, it } from 'vitest';
import { RouteConfigurationError, RouteTable, type HttpRouteDefinition } from './routeTable.js';

const GET_POST = ['GET', 'POST'];

function table(routes: [functionName: string, route: string, methods?: readonly string[]][], routePrefix = 'api'): RouteTable {
  return RouteTable.build(
    routes.map(([functionName, route, methods = GET_POST]) => ({ functionName, route, methods })),
    { routePrefix },
  );
}

function buildError(routes: HttpRouteDefinition[], routePrefix = 'api'): RouteConfigurationError {
  try {
    RouteTable.build(routes, { routePrefix });
  } catch (error) {
    if (error instanceof RouteConfigurationError) return error;
    throw error;
  }
  throw new Error('expected RouteTable.build to throw');
}

describe('matching requests', () => {
  const routes = table([
    ['hello', 'hello'],
    ['product', 'products/{id:int?}'],
    ['files', 'files/{*path}', ['GET']],
  ]);

  it('matches the full pathname, prefix included', () => {
    expect(routes.match('GET', '/api/hello')).toEqual({ functionName: 'hello', params: {} });
    expect(routes.match('POST', '/api/products/42')).toEqual({ functionName: 'product', params: { id: '42' } });
    expect(routes.match('GET', '/api/products')).toEqual({ functionName: 'product', params: {} });
    expect(routes.match('GET', '/api/files/a/b.txt')).toEqual({ functionName: 'files', params: { path: 'a/b.txt' } });
  });

  it('is case-insensitive for the prefix, literals and the method', () => {
    expect(routes.match('get', '/API/Hello')).toEqual({ functionName: 'hello', params: {} });
    expect(routes.match('pOsT', '/Api/HELLO/')).toEqual({ functionName: 'hello', params: {} });
  });

  it('does not match a method the route does not allow (the caller answers 404)', () => {
    expect(routes.match('DELETE', '/api/hello')).toBeUndefined();
    expect(routes.match('POST', '/api/files/a')).toBeUndefined();
  });

  it('does not match without the prefix, or with a path the templates refuse', () => {
    expect(routes.match('GET', '/hello')).toBeUndefined();
    expect(routes.match('GET', '/api/products/abc')).toBeUndefined();
    expect(routes.match('GET', '/api')).toBeUndefined();
    expect(routes.match('GET', '/')).toBeUndefined();
    expect(routes.match('GET', '')).toBeUndefined();
    expect(routes.match('GET', '/api/hello/%zz')).toBeUndefined();
  });

  it('serves routes without a prefix when routePrefix is empty', () => {
    const bare = table([['root', 'hello'], ['home', '{page=index}']], '');
    expect(bare.match('GET', '/hello')).toEqual({ functionName: 'root', params: {} });
    expect(bare.match('GET', '/')).toEqual({ functionName: 'home', params: { page: 'index' } });
    expect(bare.match('GET', '/about')).toEqual({ functionName: 'home', params: { page: 'about' } });
    expect(bare.routeUrlPath('root')).toBe('/hello');
  });

  it('accepts a multi-segment prefix and one written with slashes', () => {
    const versioned = table([['hello', 'hello']], '/v1/api/');
    expect(versioned.match('GET', '/v1/api/hello')).toEqual({ functionName: 'hello', params: {} });
    expect(versioned.routeUrlPath('hello')).toBe('/v1/api/hello');
  });

  it('allows every method when the list is empty', () => {
    const any = table([['any', 'any', []]]);
    for (const method of ['GET', 'PATCH', 'OPTIONS', 'PROPFIND']) {
      expect(any.match(method, '/api/any')?.functionName).toBe('any');
    }
  });

  it('falls through to a later route when the first one does not allow the method', () => {
    const split = table([
      ['readItem', 'items/{id}', ['GET']],
      ['writeItem', 'items/{name:alpha}', ['PUT']],
    ]);
    expect(split.match('GET', '/api/items/abc')?.functionName).toBe('readItem');
    expect(split.match('PUT', '/api/items/abc')?.functionName).toBe('writeItem');
    expect(split.match('PUT', '/api/items/123')).toBeUndefined();
  });
});

describe('precedence', () => {
  it('tries literals before parameters, whatever the registration order', () => {
    const routes = table([
      ['byId', 'users/{userId}'],
      ['ping', 'users/ping'],
    ]);
    expect(routes.match('GET', '/api/users/ping')?.functionName).toBe('ping');
    expect(routes.match('GET', '/api/users/42')?.functionName).toBe('byId');
  });

  it('tries a constrained parameter before an unconstrained one', () => {
    const routes = table([
      ['byName', 'items/{name}'],
      ['byId', 'items/{id:int}'],
    ]);
    expect(routes.match('GET', '/api/items/7')).toEqual({ functionName: 'byId', params: { id: '7' } });
    expect(routes.match('GET', '/api/items/seven')).toEqual({ functionName: 'byName', params: { name: 'seven' } });
  });

  it('tries the parameter with more constraints first', () => {
    const routes = table([
      ['anyInt', 'n/{n:int}'],
      ['bigInt', 'n/{n:int:min(100)}'],
    ]);
    expect(routes.match('GET', '/api/n/500')?.functionName).toBe('bigInt');
    expect(routes.match('GET', '/api/n/5')?.functionName).toBe('anyInt');
  });

  it('tries longer templates first, so an optional tail can win over a shorter route', () => {
    const routes = table([
      ['list', 'orders'],
      ['maybeOne', 'orders/{id?}'],
    ]);
    expect(routes.match('GET', '/api/orders')?.functionName).toBe('maybeOne');
    expect(routes.functionNames).toEqual(['maybeOne', 'list']);
  });

  it('decides segment by segment from the left', () => {
    const routes = table([
      ['deep', '{tenant}/reports/{id}'],
      ['shallow', 'accounts/{id}'],
      ['literalFirst', 'shop/{*rest}'],
    ]);
    expect(routes.functionNames).toEqual(['shallow', 'literalFirst', 'deep']);
    expect(routes.match('GET', '/api/shop/reports/1')?.functionName).toBe('literalFirst');
    expect(routes.match('GET', '/api/acme/reports/1')?.functionName).toBe('deep');
  });

  it('orders ties the same way whatever the registration order', () => {
    const routes: [string, string][] = [
      ['catchAll', 'files/{*path}'],
      ['one', 'files/{name}'],
      ['complex', 'files/{name}.{ext}'],
      ['alpha', 'b/x'],
      ['beta', 'a/x'],
    ];
    const forward = table(routes).functionNames;
    const backward = table([...routes].reverse()).functionNames;
    expect(backward).toEqual(forward);
    expect(forward).toEqual(['beta', 'alpha', 'complex', 'one', 'catchAll']);
    expect(table(routes).match('GET', '/api/files/a.txt')?.functionName).toBe('complex');
    expect(table(routes).match('GET', '/api/files/readme')?.functionName).toBe('one');
    expect(table(routes).match('GET', '/api/files/a/b')?.functionName).toBe('catchAll');
  });
});

describe('validation', () => {
  it.each(['admin', 'admin/users', 'Admin/x', '/admin', 'administration/health', 'runtime/status', 'RUNTIMEs'])(
    'refuses the reserved route %s',
    (route) => {
      const error = buildError([{ functionName: 'mine', route, methods: GET_POST }]);
      expect(error.message).toContain("Function 'mine'");
      expect(error.message).toContain(`'${route}'`);
      expect(error.message).toMatch(/reserved/);
    },
  );

  it('allows routes that merely contain admin or runtime later on', () => {
    const routes = table([['a', 'my/admin'], ['b', 'x/runtime']]);
    expect(routes.match('GET', '/api/my/admin')?.functionName).toBe('a');
  });

  it('refuses two functions with the same route and overlapping methods, naming both', () => {
    const error = buildError([
      { functionName: 'getItem', route: 'items/{id}', methods: ['GET'] },
      { functionName: 'readItem', route: 'Items/{itemId}', methods: ['get', 'POST'] },
    ]);
    expect(error.message).toContain("'getItem'");
    expect(error.message).toContain("'readItem'");
    expect(error.message).toContain('GET');
    expect(error.problems).toHaveLength(1);
  });

  it('treats an empty method list as overlapping with anything', () => {
    const error = buildError([
      { functionName: 'all', route: 'x', methods: [] },
      { functionName: 'put', route: 'x', methods: ['PUT'] },
    ]);
    expect(error.message).toMatch(/'all' and 'put' conflict/);
  });

  it('allows the same route with methods that do not overlap', () => {
    const routes = table([
      ['list', 'items', ['GET']],
      ['create', 'items', ['POST']],
    ]);
    expect(routes.match('GET', '/api/items')?.functionName).toBe('list');
    expect(routes.match('POST', '/api/items')?.functionName).toBe('create');
  });

  it('does not call routes that differ in constraints or defaults the same route', () => {
    const routes = table([
      ['byId', 'items/{id:int}'],
      ['byName', 'items/{name}'],
      ['withDefault', 'items/{name=all}/x'],
      ['withoutDefault', 'items/{name}/x'],
    ]);
    expect(routes.functionNames).toHaveLength(4);
  });

  it('names the function, the route, the problem and the fix for an invalid template', () => {
    const error = buildError([{ functionName: 'broken', route: 'products/{id', methods: GET_POST }]);
    expect(error.message).toContain("Function 'broken'");
    expect(error.message).toContain("'products/{id'");
    expect(error.message).toMatch(/never closed/);
    expect(error.message).toMatch(/app\.http\('broken'/);
  });

  it('reports every problem at once', () => {
    const error = buildError([
      { functionName: 'a', route: 'admin/x', methods: GET_POST },
      { functionName: 'b', route: '{x', methods: GET_POST },
      { functionName: 'c', route: 'same', methods: GET_POST },
      { functionName: 'd', route: 'same', methods: ['POST'] },
      { functionName: 'C', route: 'other', methods: GET_POST },
    ]);
    expect(error.problems).toHaveLength(4);
    expect(error.message).toMatch(/4 problems/);
    expect(error.message).toMatch(/used twice/);
  });

  it('refuses malformed definitions with a message about the function', () => {
    expect(buildError([{ functionName: '', route: 'x', methods: GET_POST }]).message).toMatch(/has no name/);
    expect(buildError([{ functionName: 'f', route: 3 as unknown as string, methods: GET_POST }]).message).toMatch(/not a string/);
    expect(buildError([{ functionName: 'f', route: 'x', methods: [''] }]).message).toMatch(/invalid methods/);
  });

  it('refuses an invalid or parameterised routePrefix', () => {
    expect(buildError([{ functionName: 'f', route: 'x', methods: GET_POST }], '{tenant}').message).toMatch(/routePrefix '\{tenant\}' contains a parameter/);
    expect(buildError([{ functionName: 'f', route: 'x', methods: GET_POST }], 'a{').message).toMatch(/routePrefix 'a\{' is invalid/);
  });

  it('uses the function name when the route is empty, as the host does', () => {
    const routes = table([['Hello', '']]);
    expect(routes.match('GET', '/api/hello')?.functionName).toBe('Hello');
    expect(routes.routeUrlPath('Hello')).toBe('/api/Hello');
  });
});

describe('routeUrlPath', () => {
  it('gives the listing path with the template as written', () => {
    const routes = table([['product', 'products/{id:int?}'], ['lower', '/x/']]);
    expect(routes.routeUrlPath('product')).toBe('/api/products/{id:int?}');
    expect(routes.routeUrlPath('PRODUCT')).toBe('/api/products/{id:int?}');
    expect(routes.routeUrlPath('lower')).toBe('/api/x');
  });

  it('throws for a function it does not know', () => {
    expect(() => table([]).routeUrlPath('nope')).toThrow(/no HTTP function named 'nope'/);
  });
});

describe('matchFunction', () => {
  const routes = table([
    ['productNew', 'products/new', ['GET']],
    ['product', 'products/{id:int}', ['POST']],
    ['anyProduct', 'products/{name}', ['GET']],
  ]);

  it("matches one function's route, whatever the method and the routes tried before it", () => {
    expect(routes.matchFunction('product', '/api/products/7')).toEqual({ id: '7' });
    expect(routes.matchFunction('anyProduct', '/api/products/7')).toEqual({ name: '7' });
    expect(routes.matchFunction('anyProduct', '/api/products/new')).toEqual({ name: 'new' });
  });

  it('does not match a path the route refuses', () => {
    expect(routes.matchFunction('product', '/api/products/seven')).toBeUndefined();
    expect(routes.matchFunction('product', '/products/7')).toBeUndefined();
    expect(routes.matchFunction('productNew', '/api/products/7')).toBeUndefined();
  });

  it('throws for a function it does not know', () => {
    expect(() => routes.matchFunction('nope', '/api/x')).toThrow(/no HTTP function named 'nope'/);
  });
});

describe('fillRoute', () => {
  const routes = table([
    ['product', 'products/{id:int}'],
    ['catalog', 'catalog/{section=books}/{page:int?}'],
    ['files', 'files/{*path}'],
    ['file', 'docs/{name}.{ext?}'],
    ['literal', 'plain/text'],
  ]);

  it.each([
    ['product', { id: '7' }, '/api/products/7'],
    ['product', { ID: '7' }, '/api/products/7'],
    ['catalog', {}, '/api/catalog/books'],
    ['catalog', { page: '2' }, '/api/catalog/books/2'],
    ['catalog', { section: 'music' }, '/api/catalog/music'],
    ['files', {}, '/api/files'],
    ['files', { path: 'a b/c.txt' }, '/api/files/a%20b/c.txt'],
    ['file', { name: 'readme' }, '/api/docs/readme'],
    ['file', { name: 'readme', ext: 'md' }, '/api/docs/readme.md'],
    ['literal', {}, '/api/plain/text'],
  ])('%s with %j → %s, a path the route matches', (name, values: Record<string, string>, path) => {
    expect(routes.fillRoute(name, values)).toEqual({ path });
    expect(routes.matchFunction(name, path)).toBeDefined();
  });

  it('names the required parameters that have no value', () => {
    expect(routes.fillRoute('product', {})).toEqual({ missing: ['id'] });
    expect(routes.fillRoute('file', { ext: 'md' })).toEqual({ missing: ['name'] });
  });

  it('encodes values so that matching gives them back', () => {
    const filled = routes.fillRoute('file', { name: 'a/b?c#d e', ext: 'x' });
    expect(filled).toEqual({ path: '/api/docs/a%2Fb%3Fc%23d%20e.x' });
    // '%2F' stays encoded in route values, as in the host.
    expect(routes.matchFunction('file', '/api/docs/a%2Fb%3Fc%23d%20e.x')).toEqual({ name: 'a%2Fb?c#d e', ext: 'x' });
  });
});
