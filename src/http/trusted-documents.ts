import { createHash } from 'node:crypto';
import { type TrustedDocumentsConfig } from '../config/config';
import { ConfigError, readConfigFile } from '../config/values';
import { ErrorCode } from '../base/error-codes';

export interface TrustedRequestError {
  status: number;
  code: string;
  message: string;
}

/** The GraphQL request fields this reads and rewrites. */
interface GraphQLRequestBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
  [key: string]: unknown;
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Reads a manifest in the format GraphQL Codegen's client preset writes
 * (persisted-documents.json: `{ "<sha256 hex>": "query …" }`). Any entry whose hash is not the
 * SHA-256 of its text is refused at start, so a manifest cannot smuggle in a different document.
 */
export function loadManifest(path: string): Map<string, string> {
  const text = readConfigFile('TRUSTED_DOCUMENTS', path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(
      `TRUSTED_DOCUMENTS: cannot read ${path} as JSON (${(error as Error).message})`,
    );
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(
      'TRUSTED_DOCUMENTS must be a JSON object of { "<sha256>": "<document>" }',
    );
  }
  const documents = new Map<string, string>();
  for (const [hash, text] of Object.entries(parsed)) {
    const id = hash.replace(/^sha256:/, '').toLowerCase();
    if (typeof text !== 'string' || sha256Hex(text) !== id) {
      throw new ConfigError(`TRUSTED_DOCUMENTS: entry ${hash} is not the SHA-256 of its document`);
    }
    documents.set(id, text);
  }
  return documents;
}

/**
 * Resolves `documentId` (GraphQL over HTTP persisted documents, with or without `sha256:`) or
 * Apollo's `extensions.persistedQuery.sha256Hash` to the manifest's text. In allowlist mode a
 * request with any other document is refused before Apollo parses it.
 */
export function createTrustedDocuments(config: TrustedDocumentsConfig) {
  const documents = loadManifest(config.path);
  const known = new Set(documents.keys());

  function refuse(
    message: string,
    code: string = ErrorCode.PERSISTED_QUERY_NOT_ALLOWED,
  ): TrustedRequestError {
    return { status: 400, code, message };
  }

  /** Rewrites one request in place; returns the refusal, if any. */
  function resolveOne(request: GraphQLRequestBody): TrustedRequestError | undefined {
    const rawId =
      typeof request.documentId === 'string'
        ? request.documentId
        : request.extensions?.persistedQuery?.sha256Hash;
    if (typeof rawId === 'string') {
      const id = rawId.replace(/^sha256:/, '').toLowerCase();
      const text = documents.get(id);
      if (text === undefined) {
        return refuse(
          `Unknown document id ${rawId}: only the operations in the trusted documents manifest run here.`,
          ErrorCode.PERSISTED_QUERY_NOT_FOUND,
        );
      }
      if (typeof request.query === 'string' && request.query !== text) {
        return refuse('query does not match the document id it was sent with.');
      }
      request.query = text;
      delete request.documentId;
      if (request.extensions?.persistedQuery) {
        const { persistedQuery: _, ...rest } = request.extensions;
        request.extensions = rest;
      }
      return undefined;
    }
    if (config.mode === 'allowlist') {
      if (typeof request.query === 'string' && known.has(sha256Hex(request.query)))
        return undefined;
      return refuse(
        'This gateway runs trusted documents only: send a documentId from the manifest (TRUSTED_DOCUMENTS_MODE=allowlist).',
      );
    }
    return undefined;
  }

  return {
    size: documents.size,
    mode: config.mode,
    /** A POST body (object or batch array), rewritten in place. */
    resolveBody(body: unknown): TrustedRequestError | undefined {
      const requests = Array.isArray(body) ? body : [body];
      for (const request of requests) {
        if (!request || typeof request !== 'object') {
          return config.mode === 'allowlist'
            ? refuse('Request body is not a GraphQL request.')
            : undefined;
        }
        const refusal = resolveOne(request as GraphQLRequestBody);
        if (refusal) return refusal;
      }
      return undefined;
    },
    /** A GET's query string: `documentId` or `extensions` become `query`. */
    resolveSearch(url: URL): { search: string; refusal?: TrustedRequestError } {
      const params = url.searchParams;
      let extensions: GraphQLRequestBody['extensions'];
      try {
        extensions = params.has('extensions') ? JSON.parse(params.get('extensions')!) : undefined;
      } catch {
        extensions = undefined;
      }
      const request: GraphQLRequestBody = {
        query: params.get('query') ?? undefined,
        documentId: params.get('documentId') ?? undefined,
        extensions,
      };
      const refusal = resolveOne(request);
      if (refusal) return { search: url.search, refusal };
      const next = new URLSearchParams(params);
      next.delete('documentId');
      if (typeof request.query === 'string') next.set('query', request.query);
      if (request.extensions) next.set('extensions', JSON.stringify(request.extensions));
      else next.delete('extensions');
      return { search: `?${next.toString()}` };
    },
  };
}

export type TrustedDocuments = ReturnType<typeof createTrustedDocuments>;
