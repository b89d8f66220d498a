export { isHttpRequest, readRequestBody, requestHeader } from './request.js';
export type { RequestBodyContext, RequestBodyFormat } from './request.js';
export { appendResponseHeader, setResponseHeader, withResponseHeader } from './responseHeaders.js';
export type { HeaderChange, ResponseContext } from './responseHeaders.js';
