import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyService } from '../auth/api-key.service.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { existingRequestState, requestState } from './request-state.js';
import { TokenBuckets } from './token-buckets.js';

/** Most clients (addresses and keys) whose budgets are tracked at once. */
const MAX_TRACKED_CLIENTS = 50_000;
/** What a revalidation answered 304 on arrival costs (no handler, no GraphQL runs): a GraphQL request's arrival cost. */
export const NOT_MODIFIED_COST = 1;

/** What a request is charged on arrival: REST the REST cost, GraphQL 1, a 304 answered on arrival NOT_MODIFIED_COST. */
export type ArrivalKind = 'rest' | 'graphql' | 'not-modified';

export interface RateVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
  message: string;
  details: Record<string, unknown>;
}

/** What every allowed request gets (nothing to tell it). */
const ALLOWED: RateVerdict = Object.freeze({ allowed: true, retryAfterSeconds: 0, message: '', details: Object.freeze({}) });

/**
 * The one rate limiter: a budget per client of `RATE_LIMIT_PER_MINUTE` cost units a minute, the units
 * of the GraphQL cost limit. Every request is counted when it arrives (before authentication, routing
 * or parsing): a REST request costs `RATE_LIMIT_REST_COST`, a GraphQL request 1, and then each GraphQL
 * operation its estimated cost once admitted; a revalidation answered 304 on arrival costs 1. Probes and metrics are exempt.
 *
 * The client is the API key when the request presents a key this replica knows to be valid (the
 * bootstrap key, or one verified in the last 10 seconds); every other request (no key, an unknown or
 * malformed key, a key not yet verified) counts against its address, so bogus Authorization values
 * get no fresh budget, and once the address's budget is spent they are refused before any database
 * lookup.
 */
@Injectable()
export class RateLimitService {
  private readonly buckets: TokenBuckets | null;
  readonly restCost: number;
  readonly perMinute: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly keys: ApiKeyService,
  ) {
    this.perMinute = config.limits.rateLimitPerMinute;
    this.restCost = config.limits.restRequestCost;
    this.buckets = this.perMinute > 0 ? new TokenBuckets(this.perMinute, MAX_TRACKED_CLIENTS) : null;
  }

  get enabled(): boolean {
    return this.buckets !== null;
  }

  /** The client a request counts against: `key:<id>` for a known valid key, else `ip:<address>`. */
  trackerFor(req: { headers: Record<string, unknown>; ip?: string; socket?: { remoteAddress?: string } }): string {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    const principal = match ? this.keys.knownPrincipal(match[1]) : undefined;
    if (principal) return `key:${principal.keyId}`;
    return `ip:${req.ip ?? req.socket?.remoteAddress ?? 'unknown'}`;
  }

  /** Charges a request on arrival: REST requests the REST cost, GraphQL requests 1, a 304 on arrival NOT_MODIFIED_COST. */
  chargeArrival(req: { headers: Record<string, unknown>; ip?: string }, kind: ArrivalKind, nowMs = Date.now()): RateVerdict | null {
    if (!this.buckets) return null;
    const tracker = this.trackerFor(req);
    requestState(req).rateTracker = tracker;
    return this.verdict(tracker, kind === 'rest' ? this.restCost : kind === 'graphql' ? 1 : NOT_MODIFIED_COST, nowMs);
  }

  /** Charges an admitted GraphQL operation its estimated cost, to the client its request was charged to. */
  chargeGraphqlOperation(req: object, cost: number, nowMs = Date.now()): RateVerdict | null {
    if (!this.buckets) return null;
    const tracker = existingRequestState(req)?.rateTracker ?? this.trackerFor(req as { headers: Record<string, unknown> });
    return this.verdict(tracker, cost, nowMs);
  }

  private verdict(tracker: string, cost: number, nowMs: number): RateVerdict {
    const taken = this.buckets!.take(tracker, cost, nowMs);
    if (taken.allowed) return ALLOWED;
    return {
      allowed: taken.allowed,
      retryAfterSeconds: taken.retryAfterSeconds,
      message: `Too many requests: this client's budget is ${this.perMinute} cost units a minute and this request costs ${cost}; retry after ${taken.retryAfterSeconds} s`,
      details: { retryAfterSeconds: taken.retryAfterSeconds, cost, budgetPerMinute: this.perMinute, remaining: taken.remaining },
    };
  }
}
