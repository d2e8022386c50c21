import { describe, expect, it } from 'vitest';
import type { ApiKeyService } from '../auth/api-key.service.js';
import type { AppConfig } from '../config/app-config.js';
import { RateLimitService } from './rate-limit.service.js';
import { existingRequestState, requestState } from './request-state.js';

describe('request state', () => {
  it('is made once per request, with every field, and is absent until a hook makes it', () => {
    const request = { plannerState: null };
    expect(existingRequestState(request)).toBeNull();
    const state = requestState(request);
    expect(Object.keys(state)).toEqual(['arrival', 'notModifiedTag', 'answeredEarly', 'rateTracker']);
    state.notModifiedTag = '"t"';
    expect(requestState(request)).toBe(state);
    expect(existingRequestState(request)?.notModifiedTag).toBe('"t"');
  });

  it('charges a GraphQL operation to the client its request was charged to on arrival', () => {
    let known = true;
    const keys = { knownPrincipal: (key: string) => (known && key === 'good' ? { keyId: 'k1' } : undefined) } as unknown as ApiKeyService;
    const config = { limits: { rateLimitPerMinute: 10, restRequestCost: 1 } } as unknown as AppConfig;
    const limits = new RateLimitService(config, keys);
    const request = { headers: { authorization: 'Bearer good' }, ip: '10.0.0.1', plannerState: null };
    expect(limits.chargeArrival(request, 'graphql', 0)?.allowed).toBe(true);
    expect(existingRequestState(request)?.rateTracker).toBe('key:k1');
    // The key stops being known between arrival and admission: the operation still goes to the key's budget.
    known = false;
    expect(limits.chargeGraphqlOperation(request, 9, 0)?.allowed).toBe(true);
    const refused = limits.chargeGraphqlOperation(request, 1, 0);
    expect(refused).toMatchObject({ allowed: false, details: { cost: 1, budgetPerMinute: 10, remaining: 0 } });
    expect(refused?.message).toMatch(/budget is 10 cost units a minute/);
    // The address's own budget is untouched.
    const fromTheAddress = { headers: {}, ip: '10.0.0.1', plannerState: null };
    expect(limits.chargeArrival(fromTheAddress, 'rest', 0)?.allowed).toBe(true);
  });
});
