import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

export type RequestWithId = Request & { id: string };

/**
 * Gives every request an id: the caller's `x-request-id` when it is sane, else a new one.
 * The response carries it back, and the logs and error bodies carry it too.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTABLE.test(given) ? given : randomUUID();
  (req as RequestWithId).id = id;
  res.setHeader('x-request-id', id);
  next();
}

export function requestIdOf(req: unknown): string | undefined {
  const id = (req as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}
