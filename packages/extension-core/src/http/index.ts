export { isHttpRequest, readRequestBody, requestHeader } from './request.js';
export type { RequestBodyContext, RequestBodyFormat } from './request.js';
export { appendResponseHeader, setResponseHeader } from './responseHeaders.js';
export type { ResponseContext } from './responseHeaders.js';
