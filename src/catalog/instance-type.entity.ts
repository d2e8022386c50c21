import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AcceleratorFacts, NetworkCardFacts } from './core/instance-type.facts.js';

/** One EC2 instance type as the catalog last saw it. */
@Entity({ name: 'instance_type' })
@Index('instance_type_family_idx', ['family'])
export class InstanceTypeEntity {
  @PrimaryColumn({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  family: string;

  @Column({ type: 'text' })
  size: string;

  @Column({ type: 'text', nullable: true })
  hypervisor: string | null;

  @Column({ name: 'bare_metal', type: 'boolean' })
  bareMetal: boolean;

  @Column({ type: 'integer' })
  vcpus: number;

  @Column({ name: 'memory_mib', type: 'integer' })
  memoryMiB: number;

  @Column({ type: 'text', array: true })
  architectures: string[];

  @Column({ name: 'current_generation', type: 'boolean' })
  currentGeneration: boolean;

  @Column({ type: 'boolean' })
  burstable: boolean;

  @Column({ name: 'ipv4_addresses_per_interface', type: 'integer' })
  ipv4AddressesPerInterface: number;

  @Column({ name: 'ipv6_addresses_per_interface', type: 'integer' })
  ipv6AddressesPerInterface: number;

  @Column({ name: 'ipv6_supported', type: 'boolean' })
  ipv6Supported: boolean;

  @Column({ name: 'max_network_interfaces', type: 'integer' })
  maxNetworkInterfaces: number;

  @Column({ name: 'default_network_card_index', type: 'integer' })
  defaultNetworkCardIndex: number;

  @Column({ name: 'default_card_network_interfaces', type: 'integer' })
  defaultCardNetworkInterfaces: number;

  @Column({ name: 'maximum_network_cards', type: 'integer' })
  maximumNetworkCards: number;

  @Column({ name: 'network_performance', type: 'text', nullable: true })
  networkPerformance: string | null;

  @Column({ name: 'network_cards', type: 'jsonb' })
  networkCards: NetworkCardFacts[];

  @Column({ type: 'text', array: true })
  regions: string[];

  @Column({ name: 'first_seen_at', type: 'timestamptz' })
  firstSeenAt: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt: Date;

  /** The refresh run (or bundled snapshot load) that last wrote this row. */
  @Column({ name: 'last_refresh_id', type: 'uuid', nullable: true })
  lastRefreshId: string | null;

  /** GPUs, inference accelerators, Neuron devices, FPGAs, media accelerators (DescribeInstanceTypes *Info). */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  accelerators: AcceleratorFacts[];
}
