import { WorkerSystemError } from './core/errors.js';
import type {
  CoreInvocationContext,
  HookData,
  InvocationState,
  RpcInvocationRequest,
  RpcLogCategory,
  RpcLogLevel,
} from '../app/coreApiTypes.js';
import type { InvocationOutcome } from '../app/workerConnection.js';
import { createPostInvocationHookContext, createPreInvocationHookContext } from './hookContexts.js';
import type { InvocationLogScope, RegisteredFunction, WorkerApp } from './WorkerApp.js';


class DevHostInvocationContext implements CoreInvocationContext {
  readonly invocationId: string;
  readonly request: RpcInvocationRequest;
  readonly metadata: RegisteredFunction['metadata'];
  state: InvocationState | undefined = undefined;
  logScope: InvocationLogScope | undefined;
  readonly #worker: WorkerApp;

  constructor(worker: WorkerApp, registered: RegisteredFunction, request: RpcInvocationRequest) {
    this.#worker = worker;
    this.invocationId = request.invocationId;
    this.request = request;
    this.metadata = registered.metadata;
  }

  log(level: RpcLogLevel, category: RpcLogCategory, message: string): void {
    this.#worker.log(
      { level, category, message, functionName: this.metadata.name, invocationId: this.invocationId },
      this.logScope,
    );
  }
}

/**
 * Runs one invocation with the worker's exact sequence: the app's programming model builds the arguments, pre hooks
 * may replace inputs and handler, the handler runs, post hooks may replace result and error, and only then is the
 * result converted, so a post hook can still change the response. `state` is set as the worker sets it (the library
 * reads it to decide whether a late `context.log` deserves a warning).
 */
export async function runInvocation(worker: WorkerApp, registered: RegisteredFunction, request: RpcInvocationRequest): Promise<InvocationOutcome> {
  const scope = { invocationId: request.invocationId, functionName: registered.name };
  let result: unknown = undefined;
  try {
    const model = worker.programmingModel;
    if (!model) {
      throw new WorkerSystemError(`No programming model is set, so function "${registered.name}" cannot run.`);
    }
    const coreCtx = new DevHostInvocationContext(worker, registered, request);
    coreCtx.log('debug', 'system', `Worker received FunctionInvocationRequest with invocationId ${request.invocationId}`);
    const invocationModel = await model.getInvocationModel(coreCtx);

    const hookData: HookData = {};
    const { context, inputs: initialInputs } = await invocationModel.getArguments();
    coreCtx.logScope = { hookData, invocationContext: context };
    const hookScope = { hookData, appHookData: worker.appHookData, invocationContext: context };

    // The hook contexts are built only when hooks will see them: without hooks, building them was a fifth of the
    // worker's own CPU per request (accessor properties defined on fresh objects), and nothing could observe them.
    let inputs = initialInputs;
    let callback = registered.callback;
    if (worker.hasHooks('preInvocation')) {
      const pre = createPreInvocationHookContext(hookScope, initialInputs, registered.callback);
      coreCtx.state = 'preInvocationHooks';
      try {
        await worker.executeHooks('preInvocation', pre, scope);
      } finally {
        coreCtx.state = undefined;
      }
      inputs = pre.inputs;
      callback = pre.functionCallback;
    }

    // Both start as null, as the worker's post hook context starts: `null` means "no error".
    let returned: unknown = null;
    let error: unknown = null;
    coreCtx.state = 'invocation';
    try {
      returned = await invocationModel.invokeFunction(context, inputs, callback);
    } catch (thrown: unknown) {
      error = thrown;
    } finally {
      coreCtx.state = undefined;
    }

    if (worker.hasHooks('postInvocation')) {
      const post = createPostInvocationHookContext(hookScope, inputs);
      post.result = returned;
      post.error = error;
      coreCtx.state = 'postInvocationHooks';
      try {
        await worker.executeHooks('postInvocation', post, scope);
      } finally {
        coreCtx.state = undefined;
      }
      returned = post.result;
      error = post.error;
    }
    result = returned;

    // `null` and `undefined` mean "no error"; anything else, even 0 or false, fails the invocation.
    if (error !== null && error !== undefined) {
      return { failed: true, result, error };
    }
    const response = await invocationModel.getResponse(context, result);
    return { failed: false, result, response };
  } catch (error: unknown) {
    return { failed: true, result, error };
  }
}
