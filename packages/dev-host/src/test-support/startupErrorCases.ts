/** Each fixture under src/fixtures/startup-errors, and what the error message must say. */
export const startupErrorCases: readonly (readonly [string, RegExp])[] = [
  ['no-main', /package\.json in .*no-main has no "main"\. .*set it to your built entry files/],
  ['no-match', /No file matches package\.json "main" \("dist\/functions\/\*\.js"\).*Build the app first/],
  ['load-error', /The app failed to load "index\.js".*Error: the app broke while loading\n\s+at .*load-error[\\/]index\.js:3/s],
  ['esm-load-error', /The app failed to load "index\.js".*does not provide an export named 'missing'/s],
  ['conflicting-routes', /Functions 'first' and 'second' conflict: both handle POST on the same route/],
  ['reserved-route', /Function 'sneaky' has the route 'admin\/users'.*reserved/],
  ['invalid-name', /"1-starts-with-a-digit" is not a valid function name/],
  ['duplicate-name', /The function name "same" is used twice/],
  ['appstart-throws', /An appStart hook failed, so the app cannot start: Error: appStart refused to start/],
  ['bad-schedule', /Timer function "nightly": The schedule '0 0 25 \* \* \*' is invalid/],
  ['bad-retry', /Function "nightly" has an invalid retry policy: retry\.minimumInterval \(300000 ms\) is greater than retry\.maximumInterval \(60000 ms\)/],
  ['missing-setting', /refers to the app setting %AZFX_FIXTURE_UNSET_SCHEDULE%, which is not set\. Add "AZFX_FIXTURE_UNSET_SCHEDULE" to local\.settings\.json/],
];
