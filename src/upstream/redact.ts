import { redactValue } from '../base/redact';
import { UpstreamError } from './errors';

/**
 * The upstream's words (labels, titles, details, parameter reasons, even the trace id) can echo
 * the request, credentials included, when an upstream or a proxy copies it back: an error is
 * scrubbed before any message, extension or log line is made from it.
 */
export function redactError(
  error: UpstreamError | null,
  secrets: readonly string[],
): UpstreamError | null {
  if (!error) return null;
  const clean = <T>(value: T): T => redactValue(value, secrets);
  return new UpstreamError(clean(error.message), {
    ...error,
    label: clean(error.label),
    errorCode: clean(error.errorCode),
    traceId: clean(error.traceId),
    invalidParameters: clean(error.invalidParameters),
  });
}
