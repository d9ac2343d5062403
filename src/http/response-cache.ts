import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { type OperationTypeNode } from 'graphql';
import { type Access } from '../auth';
import { OperationKinds } from './operation-kind';

/**
 * A whole answer, as sent (its UTF-8 bytes, encoded once rather than on every send), and until
 * when (epoch ms) the data in it is fresh.
 */
export interface ReusableAnswer {
  body: Buffer;
  until: number;
}

/**
 * An answer another identical request made while this one waited: its bytes, until when it is
 * fresh if it is also kept, or else the Cache-Control it was sent with, if any.
 */
export interface SharedAnswer {
  body: Buffer;
  until?: number;
  cacheControl?: string;
}

/** An answer being made now, the count of changes there had been when it began, its waiters. */
interface Making {
  epoch: number;
  answer: Promise<SharedAnswer | undefined>;
  waiters: number;
}

/** What the request making an answer holds: how to hand it on, and whether anyone waits. */
export interface Answering {
  /**
   * Call once answered: with the answer when it may be shared (a query without errors, with
   * `until` when it may also be kept), without when not (or on failure). Again: a no-op.
   */
  finish(answer?: { body: string; until?: number; cacheControl?: string }): void;
  /** Whether identical requests wait for this answer (then it is made even if its caller left). */
  awaited(): boolean;
}

/**
 * Whole answers to read-only operations, kept in this process and sent again, byte for byte,
 * while the data in them is fresh: a warm request then costs no parsing, validation, execution
 * or serialisation. Kept: answers to queries of root fields whose data no mutation changes (the
 * `reusableRoots` the schema declares), without errors, whose data has a known freshness (the
 * request's Freshness, src/kernel/freshness.ts). An answer is reused only for the same
 * document, operation name and variables and the same caller rights (scopes), never past its
 * data's freshness. Bounded in bytes (LRU).
 *
 * Identical read-only requests that arrive while one is being answered wait and get its answer
 * (any query without errors, one of data read live too), unless a mutation finished since it
 * began: a caller who changed something and then asks never gets an answer begun before the
 * change. A burst of 100 identical requests so executes once.
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, ReusableAnswer> | undefined;
  /** Answers being made now, by key: identical requests meanwhile wait for them. */
  private readonly making = new Map<string, Making>();
  /** Keys whose last answer could not be shared (it had errors): nobody waits on those. */
  private readonly unshareable = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 });
  /** Mutations finished in this process: an answer begun before the last one is not shared. */
  private epoch = 0;
  /** Answers sent again instead of executed: kept ones (hits), and others made meanwhile. */
  hits = 0;
  shares = 0;

  /** Which requests are queries, from their parsed documents (each text parsed once). */
  private readonly kinds: OperationKinds;
  private readonly maxEntryBytes: number;
  private readonly reusableRoots: ReadonlySet<string>;

  /**
   * `maxTokens`: the documents' token limit, as Apollo parses them (MAX_TOKENS).
   * `reusableRoots`: root query fields whose data no mutation changes; none without.
   */
  constructor(
    maxBytes: number,
    {
      maxTokens,
      reusableRoots = new Set(),
    }: { maxTokens?: number; reusableRoots?: ReadonlySet<string> } = {},
  ) {
    this.maxEntryBytes = Math.min(maxBytes, 2 * 1024 * 1024);
    this.kinds = new OperationKinds(maxTokens);
    this.reusableRoots = reusableRoots;
    this.entries =
      maxBytes > 0
        ? new LRUCache<string, ReusableAnswer>({
            maxSize: maxBytes,
            sizeCalculation: (answer) => answer.body.byteLength + 128,
          })
        : undefined;
  }

  /**
   * The key of a POSTed JSON operation for this caller, or undefined when it may not be reused:
   * no cache, or not a query (a mutation, a batch, a document that does not parse). The handler
   * refuses variables nested past MAX_NESTING first (request-body.ts): stringifying them is bounded.
   */
  keyOf(body: unknown, access: Access): string | undefined {
    // Only a query is ever kept, or made to wait behind an identical one.
    if (!this.entries || this.kindOf(body) !== 'query') return undefined;
    const { query, operationName, variables } = body as Record<string, unknown>;
    // Anonymous and a token without scopes differ: one may read a field that only needs a caller.
    const { caller } = access;
    const rights = !access.enforced
      ? '*'
      : caller.kind === 'anonymous'
        ? 'anonymous'
        : `caller ${[...caller.scopes].sort().join(' ')}`;
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
   * For a key with no answer kept: the answer of the identical request under way, once made
   * (undefined if it could not be shared), or undefined when none is under way that this one may
   * join (none, one begun before the last mutation finished, or the key's answers had errors
   * lately).
   */
  underway(key: string): Promise<SharedAnswer | undefined> | undefined {
    const making = this.making.get(key);
    if (!making || making.epoch !== this.epoch || this.unshareable.has(key)) return undefined;
    return making.answer;
  }

  /**
   * `underway`, as a waiter: the request making the answer then finishes it even if its own caller
   * has gone. The answer got is counted (kept: a hit; else: a share).
   */
  join(key: string): Promise<SharedAnswer | undefined> | undefined {
    const answer = this.underway(key);
    if (!answer) return undefined;
    this.making.get(key)!.waiters++;
    return answer.then((got) => {
      if (got?.until !== undefined) this.hits++;
      else if (got) this.shares++;
      return got;
    });
  }

  /** How many requests wait for the answer under way for `key`. */
  waiters(key: string): number {
    return this.making.get(key)?.waiters ?? 0;
  }

  /** This request makes the answer for `key`: identical requests meanwhile may join it. */
  begin(key: string): Answering {
    const current = this.making.get(key);
    if (!this.entries || (current && current.epoch === this.epoch)) {
      return { finish: () => undefined, awaited: () => false };
    }
    let settle!: (answer: SharedAnswer | undefined) => void;
    const making: Making = {
      epoch: this.epoch,
      answer: new Promise((resolve) => (settle = resolve)),
      waiters: 0,
    };
    this.making.set(key, making);
    let done = false;
    const finish: Answering['finish'] = (answer) => {
      if (done) return;
      done = true;
      if (this.making.get(key) === making) this.making.delete(key);
      if (!answer) {
        this.unshareable.set(key, true);
        settle(undefined);
        return;
      }
      this.unshareable.delete(key);
      const body = Buffer.from(answer.body);
      if (answer.until !== undefined) this.keep(key, body, answer.until);
      settle({ body, until: answer.until, cacheControl: answer.cacheControl });
    };
    return { finish, awaited: () => !done && making.waiters > 0 };
  }

  /**
   * Whether the answer to a request may be kept, should its data be fresh and it have no error:
   * a query whose root fields (besides `__typename`) are all reusable roots.
   */
  mayKeep(body: unknown): boolean {
    const operation = this.operationOf(body);
    return (
      operation?.kind === 'query' &&
      operation.roots !== undefined &&
      operation.roots.every((root) => root === '__typename' || this.reusableRoots.has(root))
    );
  }

  /** Whether a request body runs a mutation, or any request of a batch does. */
  isMutation(body: unknown): boolean {
    if (!Array.isArray(body)) return this.kindOf(body) === 'mutation';
    return body.some((request) => this.kindOf(request) === 'mutation');
  }

  /** The kind of operation a request (one of a batch's) runs. */
  private kindOf(request: unknown): OperationTypeNode | undefined {
    return this.operationOf(request)?.kind;
  }

  /** The operation a request (one of a batch's) runs, from its parsed document. */
  private operationOf(request: unknown) {
    if (typeof request !== 'object' || request === null || Array.isArray(request)) return undefined;
    const { query, operationName } = request as Record<string, unknown>;
    return typeof query === 'string' ? this.kinds.of(query, operationName) : undefined;
  }

  /** A mutation has finished: answers under way from before it are no longer shared. */
  changed(): void {
    this.epoch++;
  }

  set(key: string, body: string, until: number): void {
    this.keep(key, Buffer.from(body), until);
  }

  private keep(key: string, body: Buffer, until: number): void {
    if (!this.entries || body.byteLength > this.maxEntryBytes) return;
    this.entries.set(key, { body, until });
  }
}
