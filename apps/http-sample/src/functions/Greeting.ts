import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import '../extensions.js';

/**
 * A JSON endpoint: the timer adds its Server-Timing header but leaves the body alone, so it stays valid JSON
 * even with `appendToHttpResponse: true`.
 */
export function greeting(request: HttpRequest): HttpResponseInit {
  const name = request.params.name ?? 'Azure';
  return { jsonBody: { greeting: `Hello, ${name}.`, name } };
}

app.http('Greeting', {
  methods: ['GET'],
  authLevel: 'anonymous',
  route: 'greeting/{name?}',
  handler: greeting,
});
