import { NeverRemembered } from '../common/validation-pipe.js';
import { Field, InputType } from '@nestjs/graphql';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { IpMode, WindowsServerVersion } from '../capacity/core/index.js';
import { IpModeEnum, toEnumSpelling, values, WindowsServerVersionEnum } from '../capacity/capacity-enums.js';
import { ARTEFACT_MAX_BYTES, DIAGNOSIS_LIMITS, VPC_CNI_CONFIGMAP_MAX_BYTES } from './core/index.js';
import { IsInstanceTypeName } from '../common/instance-type-name.js';

/**
 * One class for GraphQL `diagnose(input)` and the REST body of `POST /api/v1/diagnoses`. Everything
 * is optional: unknown or empty text gives an empty finding list. What is pasted is neither logged
 * nor stored.
 */
@InputType('DiagnosisInput', { description: 'What you see (events, log lines), and optionally what you know about the cluster.' })
@NeverRemembered()
export class DiagnosisInputDto {
  @Field(() => String, {
    nullable: true,
    description: `Pasted text: kubectl describe / kubectl get events / kubectl get node -o yaml or -o json output, controller, kubelet or kube-proxy log lines (at most ${DIAGNOSIS_LIMITS.lines} lines).`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(DIAGNOSIS_LIMITS.textBytes)
  text?: string;

  /**
   * Instance type of the Windows nodes, e.g. m5.large.
   * @example m5.large
   */
  @IsOptional()
  @IsInstanceTypeName()
  instanceType?: string;

  @Field(() => IpModeEnum, { nullable: true, description: 'IP mode of the Windows nodes (the ConfigMap, when given, decides).' })
  @ApiPropertyOptional({ enum: ['secondary-ip', 'prefix-delegation', ...values(IpModeEnum)] })
  @IsOptional()
  @Transform(toEnumSpelling)
  @IsIn(values(IpModeEnum))
  ipMode?: IpMode;

  /** `kubectl -n kube-system get configmap amazon-vpc-cni -o yaml` output. */
  @IsOptional()
  @IsString()
  @MaxLength(VPC_CNI_CONFIGMAP_MAX_BYTES)
  vpcCniConfigMap?: string;

  /**
   * Kubernetes version "1.NN".
   * @example "1.31"
   */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  kubernetesVersion?: string;

  @Field(() => WindowsServerVersionEnum, { nullable: true })
  @ApiPropertyOptional({ enum: values(WindowsServerVersionEnum), enumName: 'WindowsServerVersion' })
  @IsOptional()
  @Transform(toEnumSpelling)
  @IsIn(values(WindowsServerVersionEnum))
  windowsServerVersion?: WindowsServerVersion;

  /** Services whose endpoints a Windows node programs. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  servicesPerNode?: number;

  /** Kubelet --max-pods of the Windows nodes (default 110). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  kubeletMaxPods?: number;

  /**
   * The cluster's Service CIDR (describe-cluster kubernetesNetworkConfig.serviceIpv4Cidr), against vpc-bridge.conf.
   * @example 172.20.0.0/16
   */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  serviceIpv4Cidr?: string;

  /** Get-HnsPolicyList output from the EKS Windows log collector (as printed, or ConvertTo-Json). */
  @IsOptional()
  @IsString()
  @MaxLength(ARTEFACT_MAX_BYTES)
  hnsPolicyList?: string;

  /** The node's vpc-bridge.conf (JSON) from the EKS Windows log collector. */
  @IsOptional()
  @IsString()
  @MaxLength(ARTEFACT_MAX_BYTES)
  vpcBridgeConf?: string;
}
