import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { postGraphql } from '../helpers/auth';
import { type TestGateway, startGateway } from '../helpers/gateway';

const BALANCE = 'query Balance { account { balance { value } } }';
const HASH = createHash('sha256').update(BALANCE).digest('hex');

/** A manifest as GraphQL Codegen's client preset writes it (persisted-documents.json). */
function manifest(documents: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'trusted-'));
  const file = path.join(dir, 'persisted-documents.json');
  writeFileSync(file, JSON.stringify(documents));
  return file;
}

describe('trusted documents in allowlist mode', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startGateway({ TRUSTED_DOCUMENTS: manifest({ [HASH]: BALANCE }) });
  });
  afterAll(() => gateway.close());

  it.each([
    ['documentId', { documentId: HASH }],
    ['documentId with the sha256: prefix', { documentId: `sha256:${HASH}` }],
    ['Apollo persistedQuery', { extensions: { persistedQuery: { version: 1, sha256Hash: HASH } } }],
  ])('runs a manifest operation requested by %s', async (_label, body) => {
    const result = await postGraphql(gateway.url, body);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ account: { balance: { value: expect.any(String) } } });
  });

  it('runs a GET by documentId', async () => {
    const response = await fetch(`${gateway.url}/graphql?documentId=${HASH}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await response.json()).toEqual({
      data: { account: { balance: { value: expect.any(String) } } },
    });
  });

  it('refuses any other operation with PERSISTED_QUERY_NOT_ALLOWED, nothing sent upstream', async () => {
    const before = gateway.simulator!.counters.total;
    const result = await postGraphql(gateway.url, {
      query: '{ account { settings { moCallbackUrl } } }',
    });
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(gateway.simulator!.counters.total).toBe(before);
  });

  it('refuses an unknown id with PERSISTED_QUERY_NOT_FOUND', async () => {
    const result = await postGraphql(gateway.url, { documentId: 'a'.repeat(64) });
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('trusted documents in mixed mode', () => {
  it('runs documents by id and other operations too', async () => {
    const gateway = await startGateway({
      TRUSTED_DOCUMENTS: manifest({ [HASH]: BALANCE }),
      TRUSTED_DOCUMENTS_MODE: 'mixed',
    });
    try {
      expect((await postGraphql(gateway.url, { documentId: HASH })).errors).toBeUndefined();
      const other = await postGraphql(gateway.url, { query: '{ __typename }' });
      expect(other.data).toEqual({ __typename: 'Query' });
    } finally {
      await gateway.close();
    }
  });
});

describe('the trusted documents manifest', () => {
  it('is refused at start when a hash is not the SHA-256 of its document', async () => {
    await expect(
      startGateway({ TRUSTED_DOCUMENTS: manifest({ ['b'.repeat(64)]: BALANCE }) }),
    ).rejects.toThrow(/is not the SHA-256 of its document/);
  });
});
