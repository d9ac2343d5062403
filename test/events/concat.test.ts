import { type InboundSms } from '../../src/events';
import { ConcatJoiner } from '../../src/events/events.concat';
import { parseInbound } from '../../src/events/events.parse';
import { inboundSms } from './webhook-client';

const part = (ref: string, number: number, total = 2, from = '447700900001') =>
  parseInbound(
    inboundSms({
      msisdn: from,
      concat: 'true',
      'concat-ref': ref,
      'concat-part': String(number),
      'concat-total': String(total),
      text: `${ref}.${number} `,
    }),
  );

describe('joining concatenated SMS', () => {
  it('keeps at most maxPending messages waiting: the oldest is published as it is', () => {
    const out: InboundSms[] = [];
    const joiner = new ConcatJoiner({ timeoutMs: 60_000, maxPending: 2 }, (sms) => out.push(sms));
    joiner.add(part('1', 1));
    joiner.add(part('2', 2));
    expect(out).toEqual([]);
    joiner.add(part('3', 1));
    expect(
      out.map(({ text, complete, missingParts }) => ({ text, complete, missingParts })),
    ).toEqual([{ text: '1.1 ', complete: false, missingParts: [2] }]);
    expect(joiner.size).toBe(2);
    joiner.add(part('2', 1));
    expect(out[1]).toMatchObject({ text: '2.1 2.2 ', complete: true });
    joiner.close();
  });

  it('keeps the parts of two senders with the same concat-ref apart', () => {
    const out: InboundSms[] = [];
    const joiner = new ConcatJoiner({ timeoutMs: 60_000, maxPending: 10 }, (sms) => out.push(sms));
    joiner.add(part('9', 1, 2, '447700900001'));
    joiner.add(part('9', 2, 2, '447700900002'));
    expect(out).toEqual([]);
    joiner.add(part('9', 2, 2, '447700900001'));
    expect(out.map(({ from, complete }) => ({ from, complete }))).toEqual([
      { from: '447700900001', complete: true },
    ]);
    joiner.close();
  });
});
