// The request bridge: answers settle their own request once, a failing post rejects and forgets,
// an answer of the wrong kind rejects, and rejectAll empties the book.

import { describe, expect, it } from 'vitest';
import { AppError } from '../lib/errors';
import { createRequestBridge } from './request-bridge';

interface Answers {
  double: number;
  name: string;
}

describe('request bridge', () => {
  it('resolves each request by its id, once', async () => {
    const bridge = createRequestBridge<Answers>();
    const sent: number[] = [];
    const a = bridge.request('double', (id) => sent.push(id));
    const b = bridge.request('name', (id) => sent.push(id));
    expect(bridge.resolve(sent[1] as number, 'name', 'Ada')).toBe(true);
    expect(bridge.resolve(sent[0] as number, 'double', 4)).toBe(true);
    expect(bridge.resolve(sent[0] as number, 'double', 5)).toBe(false);
    await expect(a).resolves.toBe(4);
    await expect(b).resolves.toBe('Ada');
    expect(bridge.waiting()).toEqual([]);
  });

  it('rejects and forgets a request whose post throws', async () => {
    const settled: string[] = [];
    const bridge = createRequestBridge<Answers, string>({
      onSettled: (meta) => settled.push(meta),
    });
    const failed = bridge.request(
      'double',
      () => {
        throw new Error('could not clone');
      },
      () => 'job',
    );
    await expect(failed).rejects.toMatchObject({
      code: 'worker-failed',
      message: 'could not clone',
    });
    expect(bridge.waiting()).toEqual([]);
    expect(settled).toEqual(['job']);
  });

  it('rejects an answer of another kind than the request', async () => {
    const bridge = createRequestBridge<Answers>();
    let id = -1;
    const a = bridge.request('double', (requestId) => (id = requestId));
    bridge.resolve(id, 'name', 'Ada');
    await expect(a).rejects.toMatchObject({ code: 'worker-failed' });
  });

  it('rejects every waiting request when the worker dies', async () => {
    const bridge = createRequestBridge<Answers>();
    const all = [bridge.request('double', () => {}), bridge.request('name', () => {})];
    bridge.rejectAll(new AppError('worker-failed', 'The worker crashed.'));
    for (const request of all) {
      await expect(request).rejects.toMatchObject({ message: 'The worker crashed.' });
    }
    expect(bridge.waiting()).toEqual([]);
  });
});
