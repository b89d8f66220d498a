import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import '../extensions.js';

/** The seed's function: greets the `name` from the query string or from a JSON body `{ "name": ... }`. */
export async function httpTrigger(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  context.log(`HTTP trigger function processed a request for url "${request.url}".`);

  const fromQuery = request.query.get('name');
  const name = fromQuery !== null && fromQuery !== '' ? fromQuery : await nameFromJsonBody(request);
  if (name !== undefined) {
    return { body: `Hello, ${name}. This HTTP triggered function executed successfully.` };
  }
  return {
    body:
      'This HTTP triggered function executed successfully. ' +
      'Pass a name in the query string or in the request body for a personalized response.',
  };
}

async function nameFromJsonBody(request: HttpRequest): Promise<string | undefined> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    // No body, or not JSON: like the seed, that just means no name was passed.
    return undefined;
  }
  const name = (body as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

app.http('HttpTrigger', {
  methods: ['GET', 'POST'],
  authLevel: 'anonymous',
  handler: httpTrigger,
});
