import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import type { z } from 'zod';
import { fromZodError } from './http-error.js';

export type Method = 'get' | 'post' | 'put' | 'delete';
/** Who may call: the signed-in admin (cookie or admin token), an API key, or anyone. */
export type Access = 'admin' | 'api-key' | 'public';

export interface HandlerInput<Body, Query> {
  req: Request;
  res: Response;
  body: Body;
  query: Query;
  params: Record<string, string>;
}

export interface ApiRoute<BodySchema extends z.ZodType = z.ZodType, QuerySchema extends z.ZodType = z.ZodType> {
  method: Method;
  /** Express path, e.g. `/api/flows/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: BodySchema;
  query?: QuerySchema;
  /** Schema of the success body, for the OpenAPI document and the API tests. */
  response?: z.ZodType;
  /** Success status; default 200. */
  status?: number;
  /** A file upload: the body is the file's bytes (`req.body` is a Buffer), not JSON. */
  upload?: { limit: string };
  /** Other responses this route documents beside 400/401/404/429 (e.g. SSE, 409). */
  extraResponses?: Record<string, string>;
  /** Returns the JSON body to send, or undefined when it wrote the response itself (SSE). */
  handler(input: HandlerInput<z.output<BodySchema>, z.output<QuerySchema>>): Promise<unknown>;
}

/**
 * The API as data: each route is registered on express and listed for the OpenAPI document, so
 * the document cannot forget a route.
 */
export class ApiTable {
  readonly routes: ApiRoute[] = [];
  readonly #guards: Record<Access, RequestHandler[]>;

  constructor(guards: Record<Access, RequestHandler[]>) {
    this.#guards = guards;
  }

  add<B extends z.ZodType, Q extends z.ZodType>(route: ApiRoute<B, Q>): void {
    this.routes.push(route as unknown as ApiRoute);
  }

  mount(router: Router): void {
    for (const route of this.routes) {
      const upload = route.upload ? [express.raw({ type: () => true, limit: route.upload.limit })] : [];
      router[route.method](route.path, ...this.#guards[route.access], ...upload, toHandler(route));
    }
  }
}

function toHandler(route: ApiRoute): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const body = route.body ? route.body.safeParse(req.body ?? {}) : undefined;
      if (body && !body.success) throw fromZodError(body.error, 'body');
      const query = route.query ? route.query.safeParse(req.query) : undefined;
      if (query && !query.success) throw fromZodError(query.error, 'query');
      const result = await route.handler({
        req,
        res,
        body: body?.data,
        query: query?.data,
        params: req.params as Record<string, string>,
      });
      if (res.headersSent) return;
      // A handler may pick another status itself (the chat endpoint's 502).
      const status = res.statusCode !== 200 ? res.statusCode : (route.status ?? 200);
      if (result !== undefined) res.status(status).json(result);
      else res.status(status === 200 ? 204 : status).end();
    } catch (error) {
      next(error);
    }
  };
}
