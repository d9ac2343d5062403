import { type InboundPart } from './events.parse';
import { type InboundSms } from './events.types';

interface Pending {
  total: number;
  parts: Map<number, InboundPart>;
  timer: NodeJS.Timeout;
}

/**
 * Joins the parts of concatenated inbound SMS: parts of one message share the sender, the number
 * and `concat-ref` (a sender's reference is one byte, so the ref alone is not unique). A message
 * is handed on once, when its last part comes, or `timeoutMs` after its first with the parts
 * that came. At most `maxPending` messages wait: past that the oldest is handed on as it is.
 * A part that comes after its message was handed on makes a message of its own (incomplete).
 */
export class ConcatJoiner {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly options: { timeoutMs: number; maxPending: number },
    private readonly emit: (sms: InboundSms) => void,
  ) {}

  /** Takes a part (or a whole message, handed on at once). */
  add(part: InboundPart): void {
    if (!part.concat) {
      this.emit(joined([part], 1));
      return;
    }
    const { ref, total } = part.concat;
    const key = [part.from, part.to, ref, total].join('\n');
    let message = this.pending.get(key);
    if (!message) {
      if (this.pending.size >= this.options.maxPending) {
        const [oldest] = this.pending.keys();
        this.flush(oldest);
      }
      const timer = setTimeout(() => this.flush(key), this.options.timeoutMs);
      // Waiting parts never keep the process alive.
      timer.unref();
      message = { total, parts: new Map(), timer };
      this.pending.set(key, message);
    }
    // The same part again (under another id) adds nothing.
    if (!message.parts.has(part.concat.part)) message.parts.set(part.concat.part, part);
    if (message.parts.size === total) this.flush(key);
  }

  /** Messages waiting for parts. */
  get size(): number {
    return this.pending.size;
  }

  /** Drops what waits (at shutdown: the in-memory bus goes with the process). */
  close(): void {
    for (const { timer } of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private flush(key: string): void {
    const message = this.pending.get(key);
    if (!message) return;
    clearTimeout(message.timer);
    this.pending.delete(key);
    const parts = [...message.parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part);
    this.emit(joined(parts, message.total));
  }
}

/** One message from its parts (in part order, at least one). */
function joined(parts: readonly InboundPart[], total: number): InboundSms {
  const numbers = new Set(parts.map((part) => part.concat?.part ?? 1));
  const missingParts: number[] = [];
  for (let number = 1; number <= total; number += 1) {
    if (!numbers.has(number)) missingParts.push(number);
  }
  const [first] = parts;
  const texts = parts.map((part) => part.text);
  return {
    kind: 'InboundSms',
    messageId: first.messageId,
    messageIds: parts.map((part) => part.messageId),
    from: first.from,
    to: first.to,
    text: texts.includes(null) ? null : texts.join(''),
    // A message is unicode when any part had to be.
    type: parts.some((part) => part.type === 'unicode') ? 'unicode' : first.type,
    // The keyword is the message's first word: only part 1 begins with it.
    keyword: numbers.has(1) ? first.keyword : null,
    receivedAt: parts.map((part) => part.receivedAt).sort()[0],
    complete: missingParts.length === 0,
    missingParts,
  };
}
