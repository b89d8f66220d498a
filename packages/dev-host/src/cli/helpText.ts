export const helpText = `azfx — run an Azure Functions (Node.js, @azure/functions v4) app locally, without Core Tools.

Usage:
  azfx start [appDir] [options]

  appDir                 The function app's folder (package.json with "main", host.json,
                         local.settings.json). Default: the current folder.

Options:
  -p, --port <port>      Port to listen on. Default: local.settings.json Host.LocalHttpPort, else 7071.
      --address <ip>     Address to listen on (also --host). Default: local.settings.json
                         Host.LocalHttpAddress, else 127.0.0.1 (this machine only).
                         Anything else exposes every function to the network.
  -w, --watch            Reload the app when its built files (the folders "main" reaches into),
                         package.json, host.json or local.settings.json change. The new worker
                         starts before the old one stops: no request is dropped.
  -v, --verbose          Print debug logs and the worker's system logs too.
      --admin-key <key>  Let callers from other machines use the admin endpoints
                         (POST /admin/functions/{name}) when they send x-functions-key: <key>.
                         Also read from AZFX_ADMIN_KEY.
      --max-body-size <size>
                         Largest request body accepted (e.g. 10mb). Default: the app setting
                         FUNCTIONS_REQUEST_BODY_SIZE_LIMIT (bytes), else 100mb. Larger: 413.
      --cors <origins>   Allowed CORS origins, comma-separated, or "*" (as func start).
                         Default: local.settings.json Host.CORS.
      --cors-credentials Allow credentialed CORS requests. Default: Host.CORSCredentials.
      --enable-auth      Check function keys (func start: --enableAuth): authLevel "function" and
                         "admin" functions need a key (?code= or x-functions-key) from the app
                         settings AZFX_MASTER_KEY, AZFX_HOST_KEY or AZFX_FUNCTION_KEY_<name>.
      --functions <names...>
                         Load only these functions (space-separated; put appDir before it).
                         host.json "functions" applies too.
      --survive-uncaught-errors
                         Keep the worker running after an uncaught exception or unhandled
                         rejection. Azure ends the worker (and restarts it); so does azfx by default.
  -h, --help             Show this help.
      --version          Print the version.

Run a non-HTTP function by hand:
  curl -X POST http://localhost:7071/admin/functions/<name> -H 'content-type: application/json' -d '{"input":"..."}'

The app runs in a worker process, as in Azure: if it exits or crashes, azfx logs why and starts a new one.
Debug it with NODE_OPTIONS=--inspect (the worker takes the debugger port).

Stop with Ctrl+C: running invocations finish, appTerminate hooks run, then azfx exits.
`;
