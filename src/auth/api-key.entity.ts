import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type ApiKeyRole = 'reader' | 'admin';

/** An API key; only the SHA-256 of the secret is stored. */
@Entity({ name: 'api_key' })
@Index('api_key_hash_idx', ['keyHash'], { unique: true })
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  role: ApiKeyRole;

  /** First characters of the key, shown in listings so a key can be recognised. */
  @Column({ type: 'text' })
  prefix: string;

  @Column({ name: 'key_hash', type: 'text' })
  keyHash: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
