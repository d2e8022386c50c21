import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DomainError, ErrorCode, validationError } from '../common/domain-error.js';
import { isUuid } from '../common/uuid.js';
import { ApiKeyEntity, type ApiKeyRole } from './api-key.entity.js';

export interface Principal {
  keyId: string;
  name: string;
  role: ApiKeyRole;
}

const KEY_PREFIX = 'enp_';
const CACHE_MS = 10_000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * API keys: random secrets shown once, stored as SHA-256 hashes. The bootstrap key from
 * ADMIN_API_KEY is never stored; it is compared in constant time.
 */
@Injectable()
export class ApiKeyService {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();
  private readonly bootstrapHash: Buffer | null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.bootstrapHash = config.adminApiKey ? createHash('sha256').update(config.adminApiKey).digest() : null;
  }

  async create(name: string, role: ApiKeyRole): Promise<{ key: string; record: ApiKeyEntity }> {
    if (!NAME.test(name))
      throw validationError('name', 'KEY_NAME', 'name must be 1-64 letters, digits, spaces, dots, dashes or underscores');
    if (role !== 'reader' && role !== 'admin') throw validationError('role', 'KEY_ROLE', 'role must be reader or admin');
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    const repo = this.dataSource.getRepository(ApiKeyEntity);
    const record = await repo.save(repo.create({ name, role, prefix: key.slice(0, 12), keyHash: hashKey(key) }));
    return { key, record };
  }

  async list(): Promise<ApiKeyEntity[]> {
    return this.dataSource.getRepository(ApiKeyEntity).find({ order: { createdAt: 'ASC' } });
  }

  /**
   * Revokes by id or by the key's shown prefix; revoking a revoked key again answers it as it is.
   * By prefix, a key still in use comes first, else the latest revoked one.
   */
  async revoke(idOrPrefix: string): Promise<ApiKeyEntity> {
    const repo = this.dataSource.getRepository(ApiKeyEntity);
    const found = isUuid(idOrPrefix)
      ? await repo.findOneBy({ id: idOrPrefix })
      : ((await repo.findOneBy({ prefix: idOrPrefix, revokedAt: IsNull() })) ??
        (await repo.findOne({ where: { prefix: idOrPrefix }, order: { revokedAt: 'DESC' } })));
    if (!found) throw new DomainError(ErrorCode.NOT_FOUND, `No API key "${idOrPrefix.slice(0, 64)}"`);
    if (!found.revokedAt) {
      found.revokedAt = new Date();
      await repo.save(found);
    }
    this.cache.clear();
    return found;
  }

  /** Whether any admin key exists; with none, state-changing calls are refused, never open. */
  async adminConfigured(): Promise<boolean> {
    if (this.bootstrapHash) return true;
    return (await this.dataSource.getRepository(ApiKeyEntity).countBy({ role: 'admin', revokedAt: IsNull() })) > 0;
  }

  /**
   * What this replica already knows of a key, without a database lookup: the principal of the
   * bootstrap key or of a key verified in the last 10 seconds, null for a key found invalid in that
   * time, undefined when it does not know (the rate limiter counts such requests by address).
   */
  knownPrincipal(key: string): Principal | null | undefined {
    if (key.length < 16 || key.length > 256) return null;
    if (this.bootstrapHash && timingSafeEqual(createHash('sha256').update(key).digest(), this.bootstrapHash)) {
      return { keyId: 'bootstrap', name: 'ADMIN_API_KEY', role: 'admin' };
    }
    const cached = this.cache.get(hashKey(key));
    return cached && cached.until > Date.now() ? cached.principal : undefined;
  }

  async verify(key: string): Promise<Principal | null> {
    if (key.length < 16 || key.length > 256) return null;
    if (this.bootstrapHash) {
      const given = createHash('sha256').update(key).digest();
      if (timingSafeEqual(given, this.bootstrapHash)) return { keyId: 'bootstrap', name: 'ADMIN_API_KEY', role: 'admin' };
    }
    const hash = hashKey(key);
    const cached = this.cache.get(hash);
    if (cached && cached.until > Date.now()) return cached.principal;
    const repo = this.dataSource.getRepository(ApiKeyEntity);
    const found = await repo.findOneBy({ keyHash: hash, revokedAt: IsNull() });
    const principal = found ? { keyId: found.id, name: found.name, role: found.role } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until: Date.now() + CACHE_MS });
    if (found) void repo.update({ id: found.id }, { lastUsedAt: new Date() }).catch(() => {});
    return principal;
  }
}
