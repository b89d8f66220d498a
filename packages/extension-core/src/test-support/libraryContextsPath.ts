import { useDispatchPath } from '../testing/runInvocation.js';

// The lowest-library project runs the whole behaviour suite with the library's own hook context classes (what
// `app.hook.*` and `nativeHooks` pass), the default project with the worker's plain contexts (what the worker
// passes to the hooks extension-core registers on its core API): every behaviour is checked on both paths.
useDispatchPath('libraryContexts');
