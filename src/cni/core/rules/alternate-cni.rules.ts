import { SOURCE } from '../../../common/core/sources.js';
import type { CniRule } from '../cni-rule-table.js';
import { CNI_WEIGHTS } from './cni-weights.js';

/** Any alternate CNI: AWS supports only the VPC CNI (UG alternate-cni-plugins). */
export const alternateCniNeedsVendorSupport: CniRule = {
  code: 'ALTERNATE_CNI_NEEDS_VENDOR_SUPPORT',
  weight: { CALICO_OVERLAY: CNI_WEIGHTS.VENDOR_SUPPORT_NOT_ACCEPTED },
  assess: ({ ctx }) =>
    ctx.r.normalized.acceptUnsupportedCni
      ? {
          message: 'AWS supports only the VPC CNI; you accepted an alternate CNI, so support comes from the vendor (Tigera).',
          source: SOURCE.UG_ALTERNATE_CNI,
          weight: 0,
        }
      : {
          message:
            'AWS supports only the VPC CNI; an alternate CNI needs vendor support (set acceptUnsupportedCni to weigh it as viable on Linux-only clusters).',
          source: SOURCE.UG_ALTERNATE_CNI,
        },
};
