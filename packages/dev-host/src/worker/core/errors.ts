// The worker marks its own errors with `isAzureFunctionsSystemError`; the library relies on that flag (for example
// to turn the RangeError of an unknown hook name into "Log hooks require Azure Functions Host v4.34 or higher").

export class WorkerSystemError extends Error {
  readonly isAzureFunctionsSystemError = true;
}

export class WorkerRangeError extends RangeError {
  readonly isAzureFunctionsSystemError = true;
}

export class ReadOnlyError extends TypeError {
  readonly isAzureFunctionsSystemError = true;

  constructor(propertyName: string) {
    super(`Cannot assign to read only property '${propertyName}'`);
  }
}
