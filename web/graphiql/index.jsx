// Browser entry of the offline GraphiQL served at /graphiql. Bundled by scripts/build-graphiql.js
// (esbuild, IIFE); not part of tsc. Everything it loads comes from the gateway's own origin.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-sse';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

// index.html carries the build's config: hashed worker file names and the example operations.
function readConfig() {
  const node = document.getElementById('graphiql-config');
  return node ? JSON.parse(node.textContent || '{}') : {};
}

const config = readConfig();
const workers = config.workers || {};
const examples = Array.isArray(config.examples) ? config.examples : [];

// Workers are resolved against this script's URL, not the page's, so the page may be served at
// /graphiql or /graphiql/ (or behind a path prefix) and still find them in the same folder.
const scriptUrl = document.currentScript ? document.currentScript.src : window.location.href;

globalThis.MonacoEnvironment = {
  getWorker(_workerId, label) {
    const file =
      label === 'json' ? workers.json : label === 'graphql' ? workers.graphql : workers.editor;
    return new Worker(new URL(file, scriptUrl), { name: `graphiql-${label}` });
  },
};

// POST application/json to the same origin: Apollo's CSRF prevention accepts it, and the simple
// fetcher never falls back to GET. Incremental delivery (multipart) is not used by the gateway.
const endpoint = new URL(config.endpoint || '/graphql', window.location.href).toString();
const http = createGraphiQLFetcher({ url: endpoint, enableIncrementalDelivery: false });

// Subscriptions go to the event streams beside it (GraphQL over SSE, /graphql/stream), one
// stream per operation with the headers of the editor (a bearer token); everything else to
// /graphql.
const streamUrl = `${endpoint}/stream`;

function isSubscription(params) {
  try {
    const operation = getOperationAST(parse(params.query), params.operationName || undefined);
    return operation?.operation === 'subscription';
  } catch {
    return false;
  }
}

function fetcher(params, options) {
  if (!isSubscription(params)) return http(params, options);
  const client = createClient({
    url: streamUrl,
    headers: options?.headers ?? {},
    retryAttempts: 0,
  });
  return client.iterate(params);
}

const defaultTabs = examples.map((query) => ({ query }));

function App() {
  return (
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={defaultTabs.length > 0 ? defaultTabs : undefined}
      initialQuery={examples[0]}
      defaultQuery={examples[0] || '{\n  __typename\n}\n'}
      defaultEditorToolsVisibility={false}
      shouldPersistHeaders={false}
    />
  );
}

createRoot(document.getElementById('graphiql')).render(<App />);
