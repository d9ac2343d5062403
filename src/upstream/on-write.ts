import { type Dispatcher } from 'undici';

/**
 * Passes every event on to the request's own handler, and calls `written` first when the
 * request starts on its socket: undici signals it just before writing the request line.
 */
class WriteHook implements Dispatcher.DispatchHandler {
  constructor(
    private readonly inner: Dispatcher.DispatchHandler,
    private readonly written: () => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.written();
    this.inner.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(
    ...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onRequestUpgrade']>>
  ): void {
    this.inner.onRequestUpgrade?.(...args);
  }

  onResponseStart(
    ...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>
  ): void {
    this.inner.onResponseStart?.(...args);
  }

  onResponseData(
    ...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseData']>>
  ): void {
    this.inner.onResponseData?.(...args);
  }

  onResponseEnd(
    ...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseEnd']>>
  ): void {
    this.inner.onResponseEnd?.(...args);
  }

  onResponseError(
    ...args: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseError']>>
  ): void {
    this.inner.onResponseError?.(...args);
  }
}

/**
 * The same dispatcher, calling `written` each time one of its requests is written to the
 * network. A request is often written well after it was handed over: when its connection must
 * be opened first, the connect completes only after everything the event loop already had
 * queued (on a busy gateway, a burst of incoming requests), which can take hundreds of ms.
 */
export function onWrite(dispatcher: Dispatcher, written: () => void): Dispatcher {
  return dispatcher.compose(
    (dispatch) => (options, handler) => dispatch(options, new WriteHook(handler, written)),
  );
}
