import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.d.ts';
import { session } from '../lib/session.ts';

/** The error body every Zhili API error has (ErrorBody in /openapi.json). */
export interface ApiErrorBody {
  error: { code: string; message: string; messageZh: string; pointer?: string };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.error.message ?? `HTTP ${status}`);
  }
  /** The server's message in the console's language. */
  localized(lang: string): string {
    if (!this.body) return this.message;
    return lang.startsWith('zh') ? this.body.error.messageZh : this.body.error.message;
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const t = session.get()?.token;
    if (t) request.headers.set('authorization', `Bearer ${t}`);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && session.get()) session.clear();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** The data of an openapi-fetch result, or an ApiError. */
export function ok<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || !r.response.ok)
    throw new ApiError(r.response.status, r.error as ApiErrorBody | undefined);
  return r.data as T;
}

/** For routes whose response /openapi.json does not declare yet: the type comes from the server's record types (api/types.ts). */
export function okAs<T>(r: { data?: unknown; error?: unknown; response: Response }): T {
  return ok(r) as T;
}
