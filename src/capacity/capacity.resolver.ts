import { Args, Query, Resolver } from '@nestjs/graphql';
import {
  CompareModesArgs,
  NodeCapacityInput,
  NodeGroupSizingInput,
  SubnetUsageInput,
  WindowsEligibilityArgs,
  WindowsEligibilityQuery,
  WindowsServicesQuery,
} from './capacity.inputs.js';
import {
  ModeComparison,
  NodeCapacity,
  NodeGroupSizing,
  SubnetUsage,
  WindowsEligibility,
  WindowsEligibilityList,
  WindowsServicesCheck,
} from './capacity.models.js';
import { CapacityService } from './capacity.service.js';
import { SubnetPrefixAvailabilityInput } from './subnet-prefix.inputs.js';
import { SubnetPrefixAvailability } from './subnet-prefix.models.js';

/** The capacity questions over GraphQL: reads only, no key, nothing stored. */
@Resolver()
export class CapacityResolver {
  constructor(private readonly capacity: CapacityService) {}

  @Query(() => NodeCapacity, {
    description:
      'Pods one node of an instance type runs, for an OS and IP mode, with the formula and the support rules applied ' +
      '(PD fallback on Xen, types the VPC Resource Controller does not know, arm64/Mac Windows, Linux PD before CNI 1.9). ' +
      'Unknown type: INSTANCE_TYPE_NOT_FOUND.',
  })
  nodeCapacity(@Args('input', { type: () => NodeCapacityInput }) input: NodeCapacityInput): NodeCapacity {
    return this.capacity.nodeCapacity(input);
  }

  @Query(() => ModeComparison, { description: 'One instance type: Windows and Linux, each in secondary-IP and prefix-delegation mode.' })
  compareModes(@Args() args: CompareModesArgs): ModeComparison {
    return this.capacity.compareModes(args.instanceType, args.options);
  }

  @Query(() => SubnetUsage, {
    description:
      'Subnet addresses a node group takes with its warm pool, aligned /28 blocks under prefix delegation, and whether it ' +
      'fits (spare nodes, or the node that exhausts the subnets). Bad CIDRs, overlaps, sizes outside /16-/28, impossible ' +
      'targets: BAD_USER_INPUT naming the field.',
  })
  subnetUsage(@Args('input', { type: () => SubnetUsageInput }) input: SubnetUsageInput): SubnetUsage {
    return this.capacity.subnetUsage(input);
  }

  @Query(() => NodeGroupSizing, {
    description:
      'Nodes needed per instance type and IP mode for a Windows and/or Linux workload, with the binding constraint and ' +
      'the subnet IPs, ranked; over the given types or the whole in-memory catalog (filtered by region, architecture, families).',
  })
  sizeNodeGroups(@Args('input', { type: () => NodeGroupSizingInput }) input: NodeGroupSizingInput): NodeGroupSizing {
    return this.capacity.sizeNodeGroups(input);
  }

  @Query(() => WindowsServicesCheck, {
    description: 'More than 100 Services on a Windows node risks HNS port exhaustion: the warning and the kube-proxy DSR flags.',
  })
  windowsServicesCheck(@Args() args: WindowsServicesQuery): WindowsServicesCheck {
    return this.capacity.windowsServicesCheck(args);
  }

  @Query(() => SubnetPrefixAvailability, {
    description:
      "A subnet's aligned /28 blocks from its real allocations (aws ec2 get-subnet-cidr-reservations and describe-network-interfaces " +
      'output, pasted): free, used, reserved and spoiled per range; with instanceType, how many more Windows prefix-delegation nodes fit, ' +
      'which node would hit InsufficientCidrBlocks, and the remedy. Malformed JSON: BAD_USER_INPUT naming line and column or the JSON path.',
  })
  subnetPrefixAvailability(
    @Args('input', { type: () => SubnetPrefixAvailabilityInput }) input: SubnetPrefixAvailabilityInput,
  ): SubnetPrefixAvailability {
    return this.capacity.subnetPrefixAvailability(input);
  }

  @Query(() => WindowsEligibility, {
    description:
      'Whether an instance type can be a Windows node, and why not: x86_64 only, EC2 must offer Windows on it (AWS Price List of the region ' +
      'when a refresh read it, else the known list), and a VPC Resource Controller table must know it.',
  })
  windowsEligibility(@Args() args: WindowsEligibilityArgs): WindowsEligibility {
    return this.capacity.windowsEligibility(args.instanceType, args);
  }

  @Query(() => WindowsEligibilityList, { description: 'Windows eligibility of every instance type in the catalog, with the reasons.' })
  windowsEligibilities(@Args() args: WindowsEligibilityQuery): WindowsEligibilityList {
    return this.capacity.windowsEligibilities(args);
  }
}
