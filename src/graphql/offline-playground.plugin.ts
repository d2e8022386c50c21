import type { ApolloServerPlugin } from '@apollo/server';

const DEFAULT_QUERY = `# eks-net-planner: try a query, then press the run button.
{
  instanceType(name: "m5.large") {
    name
    hypervisor
    ipv4AddressesPerInterface
    defaultCardNetworkInterfaces
    regions
  }
}
`;

let landingHtml: string | undefined;

/**
 * Serves a self-contained GraphiQL at GET /graphql (browsers). Every asset is inlined,
 * so it works with no internet: Apollo's own landing pages load from a CDN.
 * The renderer (a 9 MB module) is imported on the first page view, not at start.
 */
export function offlinePlaygroundPlugin(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        // Apollo calls this at start; `html` as a function runs on each page view.
        async renderLandingPage() {
          return {
            async html() {
              if (landingHtml === undefined) {
                const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
                landingHtml = renderGraphiQL({ endpoint: '/graphql', title: 'eks-net-planner', defaultQuery: DEFAULT_QUERY });
              }
              return landingHtml;
            },
          };
        },
      };
    },
  };
}
