/**
 * The query of a route that reads no query parameters. Taken as `@Query() _query: NoQueryParameters`,
 * it has the validation pipe refuse any parameter as unknown (VALIDATION_FAILED naming it), as the
 * routes with query parameters already do: a bot's `?regoin=eu-west-1` or `?format=csv` on a route
 * that has neither is an error, not an answer that silently ignored it.
 */
export class NoQueryParameters {}
