import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';

/** A second subgraph, as another team would write it: customers holding only msisdn keys. */
export const CUSTOMERS_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

type Customer @key(fields: "id") {
  id: ID!
  name: String!
  "The customer's numbers, rented on the Vonage account: this subgraph knows only the digits."
  phoneNumbers: [OwnedNumber!]!
}

type OwnedNumber @key(fields: "msisdn", resolvable: false) {
  msisdn: String!
}

type Query {
  customers: [Customer!]!
}
`;

export interface CustomersSubgraph {
  url: string;
  /** Requests the subgraph answered. */
  requests(): number;
  close(): Promise<void>;
}

/** Serves one customer per msisdn on an ephemeral port. */
export async function startCustomersSubgraph(msisdns: string[]): Promise<CustomersSubgraph> {
  const customers = msisdns.map((msisdn, index) => ({
    id: String(index + 1),
    name: `Customer ${index + 1}`,
    phoneNumbers: [{ msisdn }],
  }));
  let requests = 0;
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(CUSTOMERS_SDL),
      resolvers: { Query: { customers: () => customers } },
    }),
    plugins: [
      {
        async requestDidStart() {
          requests += 1;
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, requests: () => requests, close: () => server.stop() };
}
