import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local endpoint that speaks the AWS Price List JSON protocol (awsJson1_1, `X-Amz-Target:
 * AWSPriceListService.GetProducts`), so the service's PriceListSource runs through the real
 * @aws-sdk/client-pricing. Point the SDK at it with AWS_ENDPOINT_URL_PRICING=<url>.
 *
 * It serves the products a test gives it (never copied data): each product has attributes, matched
 * against the request's TERM_MATCH filters as the Price List does (case-insensitive values), and one
 * on-demand price dimension. Pages of `MaxResults` (default 100) with an opaque NextToken.
 */
export interface FakePriceProduct {
  /** Product attributes: instanceType, regionCode, operatingSystem, preInstalledSw, tenancy, capacitystatus, licenseModel, ... */
  attributes: Record<string, string>;
  /** On-demand USD per hour, as the Price List writes it (a decimal string). */
  usdPerHour: string;
  sku?: string;
}

export type FakePricingFault =
  /** 400 ThrottlingException (the SDK retries it). */
  | { kind: 'throttle' }
  /** Any error; default 500 InternalErrorException. */
  | { kind: 'error'; status?: number; code?: string; message?: string }
  /** Never answer: the request stays open until the client gives up (or the fake closes). */
  | { kind: 'silent' };

export interface FakePricingRequest {
  target: string;
  body: { ServiceCode?: string; Filters?: Array<{ Type: string; Field: string; Value: string }>; NextToken?: string; MaxResults?: number };
}

export interface FakePricing {
  readonly url: string;
  products: FakePriceProduct[];
  readonly requests: FakePricingRequest[];
  /** Fail the next `times` requests (default: until cleared). */
  inject(fault: FakePricingFault, times?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** A Windows licence-included on-demand product as the Price List describes one. */
export function windowsProduct(
  regionCode: string,
  instanceType: string,
  usdPerHour: string,
  over: Record<string, string> = {},
): FakePriceProduct {
  return {
    attributes: {
      servicecode: 'AmazonEC2',
      instanceType,
      regionCode,
      operatingSystem: 'Windows',
      preInstalledSw: 'NA',
      tenancy: 'Shared',
      capacitystatus: 'Used',
      licenseModel: 'No License required',
      operation: 'RunInstances:0002',
      ...over,
    },
    usdPerHour,
  };
}

function priceListDocument(p: FakePriceProduct, i: number): string {
  const sku = p.sku ?? `FAKESKU${String(i).padStart(8, '0')}`;
  return JSON.stringify({
    product: { productFamily: 'Compute Instance', attributes: p.attributes, sku },
    serviceCode: 'AmazonEC2',
    terms: {
      OnDemand: {
        [`${sku}.JRTCKXETXF`]: {
          priceDimensions: {
            [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: {
              unit: 'Hrs',
              endRange: 'Inf',
              description: `USD ${p.usdPerHour} per On Demand ${p.attributes.operatingSystem ?? ''} ${p.attributes.instanceType ?? ''} Instance Hour`,
              appliesTo: [],
              rateCode: `${sku}.JRTCKXETXF.6YS6EN2CT7`,
              beginRange: '0',
              pricePerUnit: { USD: p.usdPerHour },
            },
          },
          sku,
          effectiveDate: '2026-11-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  });
}

export async function startFakePricing(products: FakePriceProduct[] = []): Promise<FakePricing> {
  const requests: FakePricingRequest[] = [];
  let faults: Array<{ fault: FakePricingFault; left: number }> = [];
  const state = { products };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': 'fake',
    });
    res.end(text);
  };
  const error = (res: ServerResponse, status: number, code: string, message: string) =>
    send(res, status, { __type: `com.amazonaws.awspricelistservice#${code}`, Message: message });

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    let body: FakePricingRequest['body'];
    try {
      body = raw ? (JSON.parse(raw) as FakePricingRequest['body']) : {};
    } catch {
      return error(res, 400, 'InvalidParameterException', 'body is not JSON');
    }
    requests.push({ target, body });
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256')) {
      return error(res, 403, 'AccessDeniedException', 'unsigned request');
    }
    const live = faults.find((f) => f.left !== 0);
    if (live) {
      live.left--;
      if (live.fault.kind === 'silent') return;
      if (live.fault.kind === 'throttle') return error(res, 400, 'ThrottlingException', 'Rate exceeded');
      return error(
        res,
        live.fault.status ?? 500,
        live.fault.code ?? 'InternalErrorException',
        live.fault.message ?? 'fake pricing failure',
      );
    }
    if (target !== 'AWSPriceListService.GetProducts') return error(res, 400, 'InvalidParameterException', `unsupported target ${target}`);
    if (body.ServiceCode !== 'AmazonEC2') return error(res, 400, 'InvalidParameterException', `unsupported service ${body.ServiceCode}`);
    const filters = body.Filters ?? [];
    for (const f of filters)
      if (f.Type !== 'TERM_MATCH') return error(res, 400, 'InvalidParameterException', `unsupported filter type ${f.Type}`);
    const matching = state.products.filter((p) =>
      filters.every((f) => (p.attributes[f.Field] ?? '').toLowerCase() === String(f.Value).toLowerCase()),
    );
    const size = Math.min(Math.max(body.MaxResults ?? 100, 1), 100);
    const start = body.NextToken ? Number(Buffer.from(body.NextToken, 'base64url').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0) return error(res, 400, 'InvalidNextTokenException', 'bad NextToken');
    const page = matching.slice(start, start + size);
    const next = start + size < matching.length ? Buffer.from(String(start + size), 'utf8').toString('base64url') : undefined;
    send(res, 200, {
      FormatVersion: 'aws_v1',
      PriceList: page.map((p, i) => priceListDocument(p, start + i)),
      ...(next ? { NextToken: next } : {}),
    });
  };

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => handle(req, res, raw));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get products() {
      return state.products;
    },
    set products(p: FakePriceProduct[]) {
      state.products = p;
    },
    requests,
    inject(fault, times = -1) {
      faults.push({ fault, left: times });
    },
    clearFaults() {
      faults = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Requests held by a `silent` fault would keep the server open.
        server.closeAllConnections();
      }),
  };
}
