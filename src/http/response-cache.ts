import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { type Access } from '../auth';

/** A mutation operation in a document (`mutation {`, `mutation Name(…)`), ahead of any parse. */
const MUTATION = /(^|[\s}])mutation[\s({]/;

/**
 * A whole answer, as sent (its UTF-8 bytes, encoded once rather than on every send), and until
 * when (epoch ms) the data in it is fresh.
 */
export interface ReusableAnswer {
  body: Buffer;
  until: number;
}

/**
 * Whole answers to read-only operations, kept in this process and sent again, byte for byte,
 * while the data in them is fresh: a warm request then costs no parsing, validation, execution
 * or serialisation. Which answers qualify is decided where the operation ran (cache-hints.ts):
 * queries of root fields whose data no mutation changes, without errors, with a known freshness.
 * An answer is reused only for the same document, operation name and variables and the same
 * caller rights (scopes), never past its data's freshness. Bounded in bytes (LRU).
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, ReusableAnswer> | undefined;
  /** Answers being made now, by key: identical requests meanwhile wait for them. */
  private readonly making = new Map<string, Promise<void>>();
  /** Keys whose last answer could not be kept (a balance, an error): nobody waits on those. */
  private readonly unreusable = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });
  /** Answers sent again instead of executed. */
  hits = 0;

  constructor(
    maxBytes: number,
    private readonly maxEntryBytes = Math.min(maxBytes, 2 * 1024 * 1024),
  ) {
    this.entries =
      maxBytes > 0
        ? new LRUCache<string, ReusableAnswer>({
            maxSize: maxBytes,
            sizeCalculation: (answer) => answer.body.byteLength + 128,
          })
        : undefined;
  }

  /**
   * The key of a POSTed JSON operation for this caller, or undefined when it may not be reused
   * (no cache, or not a document sent as JSON).
   */
  keyOf(body: unknown, access: Access): string | undefined {
    if (!this.entries || typeof body !== 'object' || body === null) return undefined;
    const { query, operationName, variables } = body as Record<string, unknown>;
    // A document with a mutation is never kept, nor made to wait behind an identical one.
    if (typeof query !== 'string' || MUTATION.test(query)) return undefined;
    const rights = access.enforced ? [...access.caller.scopes].sort().join(' ') : '*';
    return createHash('sha256')
      .update(JSON.stringify([query, operationName ?? null, variables ?? null, rights]))
      .digest('base64url');
  }

  /** The answer kept for `key`, while at least a second of its freshness is left. */
  get(key: string, now = Date.now()): ReusableAnswer | undefined {
    const answer = this.entries?.get(key);
    if (!answer) return undefined;
    if (answer.until - now < 1_000) {
      this.entries!.delete(key);
      return undefined;
    }
    this.hits++;
    return answer;
  }

  /**
   * For a key with no answer kept: settles when the identical request under way has answered
   * (then `get` has its answer if it could be kept), or undefined when none is under way, or the
   * key's answers were not reusable lately. A cold burst of identical price queries so runs
   * once, not once per request.
   */
  underway(key: string): Promise<void> | undefined {
    return this.unreusable.has(key) ? undefined : this.making.get(key);
  }

  /**
   * This request makes the answer for `key`: call the function it returns once answered, with
   * the answer when it may be kept, without when not (or on failure). Calling it again is a no-op.
   */
  begin(key: string): (body?: string, until?: number) => void {
    if (!this.entries || this.making.has(key)) return () => undefined;
    let settle!: () => void;
    this.making.set(key, new Promise<void>((resolve) => (settle = resolve)));
    let done = false;
    return (body, until) => {
      if (done) return;
      done = true;
      if (body !== undefined && until !== undefined) this.set(key, body, until);
      else this.unreusable.set(key, true);
      this.making.delete(key);
      settle();
    };
  }

  set(key: string, body: string, until: number): void {
    if (!this.entries) return;
    const bytes = Buffer.from(body);
    if (bytes.byteLength > this.maxEntryBytes) return;
    this.entries.set(key, { body: bytes, until });
  }
}
