/* global fetch, WebSocket */
// Run with `node --experimental-websocket` (Node 20 has WebSocket behind that flag): attaches to the debugger at
// 127.0.0.1:<port> as a debugger client does (Chrome DevTools Protocol), sets a breakpoint at <file regex>:<line>:<column>
// (zero-based), requests <url>, and prints one JSON line: where it paused and the pid seen there, and the answer.
const [port, url, fileRegex, line, column] = process.argv.slice(2);
const [target] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const socket = new WebSocket(target.webSocketDebuggerUrl);
let lastId = 0;
const replies = new Map();
const call = (method, params = {}) =>
  new Promise((resolve) => {
    const id = ++lastId;
    replies.set(id, resolve);
    socket.send(JSON.stringify({ id, method, params }));
  });
const paused = new Promise((resolve) => {
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    replies.get(message.id)?.(message.result);
    if (message.method === 'Debugger.paused') resolve(message.params);
  });
});
await new Promise((resolve) => socket.addEventListener('open', resolve));
await call('Debugger.enable');
await call('Debugger.setBreakpointByUrl', { urlRegex: fileRegex, lineNumber: Number(line), columnNumber: Number(column) });
const answer = fetch(url).then((response) => response.text());
const [frame] = (await paused).callFrames;
const pid = await call('Debugger.evaluateOnCallFrame', { callFrameId: frame.callFrameId, expression: 'process.pid' });
await call('Debugger.resume');
console.log(JSON.stringify({ pausedAtLine: frame.location.lineNumber, pidAtBreakpoint: pid.result.value, answer: await answer }));
socket.close();
