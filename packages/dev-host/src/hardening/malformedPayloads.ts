// Request lines and headers no correct client sends, as raw bytes (fetch would refuse to send them), with the
// status the host answers: a 4xx, or 505 for an HTTP version it does not speak.
const close = 'Connection: close\r\n';

export const malformed: [name: string, payload: string, status: number][] = [
  // Request lines
  ['a request line without a version (HTTP/0.9)', 'GET /api/hello\r\n\r\n', 400],
  ['an explicit HTTP/0.9 request line', 'GET /api/hello HTTP/0.9\r\n\r\n', 400],
  ['an HTTP/2.0 text request line', `GET /api/hello HTTP/2.0\r\nHost: x\r\n${close}\r\n`, 505],
  ['an unknown minor version', 'GET /api/hello HTTP/1.2\r\nHost: x\r\n\r\n', 400],
  ['an HTTP/2 connection preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400],
  ['a method with a separator in it', 'G(T /api/hello HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['an unknown method', 'BREW /api/hello HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['a lower-case method', 'get /api/hello HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['a space inside the target', 'GET /api/hel lo HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['a NUL byte inside the target', 'GET /api/he\u0000llo HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  ['a target of backslashes', 'GET \\..\\..\\etc\\passwd HTTP/1.1\r\nHost: x\r\n\r\n', 400],
  // Headers
  ['no Host header in HTTP/1.1', `GET /api/hello HTTP/1.1\r\n${close}\r\n`, 400],
  ['two Host headers', `GET /api/hello HTTP/1.1\r\nHost: a.example\r\nhost: b.example\r\n${close}\r\n`, 400],
  ['a header line without a colon', 'GET /api/hello HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n', 400],
  ['a bare CR inside a header value', 'GET /api/hello HTTP/1.1\r\nHost: x\r\nX-A: a\rb\r\n\r\n', 400],
  ['an obsolete folded header', 'GET /api/hello HTTP/1.1\r\nHost: x\r\nX-A: a\r\n  folded\r\n\r\n', 400],
  ['bare LF line endings', 'GET /api/hello HTTP/1.1\nHost: x\n\n', 400],
  // Framing: the request smuggling shapes
  ['Content-Length and Transfer-Encoding together', 'POST /api/echo/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', 400],
  ['two different Content-Lengths', 'POST /api/echo/x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!', 400],
  ['a negative Content-Length', 'POST /api/echo/x HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', 400],
  ['a Content-Length that is not a number', 'POST /api/echo/x HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\n', 400],
  ['a Content-Length beyond 64 bits', 'POST /api/echo/x HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n', 400],
  ['a chunk size that is not hex', 'POST /api/echo/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n', 400],
  ['a transfer coding other than chunked', 'POST /api/echo/x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n', 400],
];

