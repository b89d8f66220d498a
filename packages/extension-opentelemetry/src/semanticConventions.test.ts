import * as stable from '@opentelemetry/semantic-conventions';
import * as incubating from '@opentelemetry/semantic-conventions/incubating';
import { describe, expect, it } from 'vitest';
import * as ours from './semanticConventions.js';

// The names are written out in semanticConventions.ts (no runtime dependency); these hold them to the package.
describe('the attribute names', () => {
  it('are the stable conventions’ names', () => {
    expect({
      method: ours.ATTR_HTTP_REQUEST_METHOD,
      methodOriginal: ours.ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
      route: ours.ATTR_HTTP_ROUTE,
      status: ours.ATTR_HTTP_RESPONSE_STATUS_CODE,
      scheme: ours.ATTR_URL_SCHEME,
      path: ours.ATTR_URL_PATH,
      query: ours.ATTR_URL_QUERY,
      address: ours.ATTR_SERVER_ADDRESS,
      port: ours.ATTR_SERVER_PORT,
      userAgent: ours.ATTR_USER_AGENT_ORIGINAL,
      errorType: ours.ATTR_ERROR_TYPE,
      errorOther: ours.ERROR_TYPE_OTHER,
      requestHeader: ours.HTTP_REQUEST_HEADER_PREFIX + 'x-a',
      responseHeader: ours.HTTP_RESPONSE_HEADER_PREFIX + 'x-a',
    }).toEqual({
      method: stable.ATTR_HTTP_REQUEST_METHOD,
      methodOriginal: stable.ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
      route: stable.ATTR_HTTP_ROUTE,
      status: stable.ATTR_HTTP_RESPONSE_STATUS_CODE,
      scheme: stable.ATTR_URL_SCHEME,
      path: stable.ATTR_URL_PATH,
      query: stable.ATTR_URL_QUERY,
      address: stable.ATTR_SERVER_ADDRESS,
      port: stable.ATTR_SERVER_PORT,
      userAgent: stable.ATTR_USER_AGENT_ORIGINAL,
      errorType: stable.ATTR_ERROR_TYPE,
      errorOther: stable.ERROR_TYPE_VALUE_OTHER,
      requestHeader: stable.ATTR_HTTP_REQUEST_HEADER('x-a'),
      responseHeader: stable.ATTR_HTTP_RESPONSE_HEADER('x-a'),
    });
  });

  it('are the development (incubating) FaaS names of the version this package was written against', () => {
    expect([
      ours.ATTR_FAAS_TRIGGER,
      ours.ATTR_FAAS_INVOCATION_ID,
      ours.ATTR_FAAS_NAME,
      ours.ATTR_FAAS_COLDSTART,
      ours.ATTR_FAAS_CRON,
      ours.ATTR_FAAS_INVOCATION_START_TIME,
      ours.METRIC_FAAS_INVOKE_DURATION,
    ]).toEqual([
      incubating.ATTR_FAAS_TRIGGER,
      incubating.ATTR_FAAS_INVOCATION_ID,
      incubating.ATTR_FAAS_NAME,
      incubating.ATTR_FAAS_COLDSTART,
      incubating.ATTR_FAAS_CRON,
      incubating.ATTR_FAAS_INVOCATION_START_TIME,
      incubating.METRIC_FAAS_INVOKE_DURATION,
    ]);
    expect(['http', 'pubsub', 'timer', 'datasource', 'other']).toEqual([
      incubating.FAAS_TRIGGER_VALUE_HTTP,
      incubating.FAAS_TRIGGER_VALUE_PUBSUB,
      incubating.FAAS_TRIGGER_VALUE_TIMER,
      incubating.FAAS_TRIGGER_VALUE_DATASOURCE,
      incubating.FAAS_TRIGGER_VALUE_OTHER,
    ]);
  });
});

describe('faasTriggerOf', () => {
  it.each([
    ['httpTrigger', 'http'],
    ['timerTrigger', 'timer'],
    ['serviceBusTrigger', 'pubsub'],
    ['EventHubTrigger', 'pubsub'],
    ['cosmosDBTrigger', 'datasource'],
    ['activityTrigger', 'other'],
  ])('maps %s to %s', (binding, trigger) => {
    expect(ours.faasTriggerOf(binding)).toBe(trigger);
  });
});

describe('setMethodAttributes', () => {
  it('records a method outside the known set as _OTHER with the original beside it', () => {
    const known: Record<string, unknown> = {};
    ours.setMethodAttributes(known, 'GET');
    expect(known).toEqual({ 'http.request.method': 'GET' });
    const unknown: Record<string, unknown> = {};
    ours.setMethodAttributes(unknown, 'PURGE');
    expect(unknown).toEqual({ 'http.request.method': '_OTHER', 'http.request.method_original': 'PURGE' });
  });
});
