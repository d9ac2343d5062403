/**
 * Whom an upstream call is made for, handed from a request's loaders down to the transport.
 * Knows no domain: the cache passes it through, the rate limiter and the transport read it.
 */
export interface CallScope {
  /**
   * Aborted once nobody waits for the answer any more (the client went away, or its request was
   * answered): a call still queued for a rate-limit slot then gives the slot up unsent.
   */
  signal?: AbortSignal;
  /**
   * The authenticated caller (a token's name, a JWT's subject): no caller may hold more than its
   * share of a rate limit's queue. Absent without authentication.
   */
  caller?: string;
}
