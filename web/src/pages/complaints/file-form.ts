// Staff entry of a complaint received by phone or at a branch: the form's values as the API's body.
import type { FileComplaintBody } from './types.ts';

export interface FileForm {
  customerId: string;
  channel: 'phone' | 'branch' | 'console';
  category: string;
  cause: string;
  productId?: string;
  /** Wall time in the tenant's zone, "YYYY-MM-DDTHH:mm" (from an <input type="datetime-local">). */
  receivedAt?: string;
  name?: string;
  phone?: string;
  description?: string;
}

function offsetMinutes(t: number, timeZone: string): number {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(t)
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(+(p.year ?? 0), +(p.month ?? 1) - 1, +(p.day ?? 1), +(p.hour ?? 0), +(p.minute ?? 0));
  return Math.round((asUtc - Math.floor(t / 60_000) * 60_000) / 60_000);
}

/** A wall time in `timeZone` as an RFC 3339 instant (UTC), or undefined when it is not "YYYY-MM-DDTHH:mm". */
export function zonedInstant(local: string, timeZone: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  // Two passes settle the offset on either side of a daylight-saving change.
  let t = wall - offsetMinutes(wall, timeZone) * 60_000;
  t = wall - offsetMinutes(t, timeZone) * 60_000;
  return new Date(t).toISOString();
}

const trimmed = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

export function fileBody(v: FileForm, timeZone: string): FileComplaintBody {
  const receivedAt = v.receivedAt ? zonedInstant(v.receivedAt, timeZone) : undefined;
  const name = trimmed(v.name);
  const phone = trimmed(v.phone);
  const productId = trimmed(v.productId);
  const description = trimmed(v.description);
  return {
    customerId: v.customerId.trim(),
    channel: v.channel,
    category: v.category,
    cause: v.cause,
    ...(productId ? { productId } : {}),
    ...(receivedAt ? { receivedAt } : {}),
    ...(name || phone ? { complainant: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } } : {}),
    ...(description ? { description } : {}),
  };
}
