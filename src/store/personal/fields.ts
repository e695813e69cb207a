/**
 * Which fields of a stored event are personal data (JR/T 0171 C2), and whose: the debtor's and the
 * creditor's names are theirs; the device address and the attributes declared personal belong to the
 * customer of the event (the debtor unless it is marked as not a customer). Pure: split before sealing,
 * merge after opening, mask for readers who may not see them.
 */

/** What a debtor's or creditor's own attributes are called after their role prefix (`debtorIdNumber`). */
const roleSuffixes = ['Name', 'IdNumber', 'Address', 'Phone', 'Email', 'CardNumber', 'BirthDate', 'AccountName'];

/** Attributes treated as personal when the configuration names none. */
export const defaultPersonalAttributes: readonly string[] = [
  ...['debtor', 'creditor'].flatMap((role) => roleSuffixes.map((x) => `${role}${x}`)),
  'name',
  'fullName',
  'idNumber',
  'idNo',
  'idCard',
  'passportNumber',
  'phone',
  'mobile',
  'email',
  'cardNumber',
  'cardNo',
  'bankAccount',
  'accountName',
  'address',
  'birthDate',
];

/** Where sealed parts are kept inside a stored event: never part of the wire contract. */
export const sealedField = '_personal';

export interface SealedPart {
  /** The data subject (a party id of the event, or `event:<id>` when it names none). */
  s: string;
  /** The data key's id under that subject. */
  k: string;
  /** The sealed JSON object of this subject's fields, keyed by path (`debtor.name`, `attributes.phone`). */
  c: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The customer whose device and attributes the event carries. */
function customerOf(e: Obj): string {
  const debtor = isObj(e.debtor) ? e.debtor : undefined;
  const creditor = isObj(e.creditor) ? e.creditor : undefined;
  const id = (p: Obj | undefined) => (p && typeof p.partyId === 'string' ? p.partyId : undefined);
  if (debtor && debtor.isCustomer !== false && id(debtor)) return id(debtor) as string;
  return id(creditor) ?? id(debtor) ?? `event:${typeof e.id === 'string' ? e.id : ''}`;
}

/**
 * The event without its personal fields, and those fields grouped by subject. An event with none comes
 * back as it is (the same object) with no parts.
 */
export function splitPersonal(
  event: unknown,
  personal: ReadonlySet<string>,
): { rest: unknown; parts: Map<string, Obj> } {
  const parts = new Map<string, Obj>();
  if (!isObj(event)) return { rest: event, parts };
  const add = (subject: string, path: string, value: unknown) => {
    let p = parts.get(subject);
    if (!p) parts.set(subject, (p = {}));
    p[path] = value;
  };
  let rest: Obj = event;
  const copy = () => (rest === event ? (rest = { ...event }) : rest);
  for (const side of ['debtor', 'creditor'] as const) {
    const p = event[side];
    if (isObj(p) && p.name !== undefined && typeof p.partyId === 'string') {
      add(p.partyId, `${side}.name`, p.name);
      const { name: _name, ...others } = p;
      copy()[side] = others;
    }
  }
  const customer = customerOf(event);
  const partyIdOf = (side: 'debtor' | 'creditor'): string | undefined => {
    const p = event[side];
    return isObj(p) && typeof p.partyId === 'string' ? p.partyId : undefined;
  };
  /** A `debtor…`/`creditor…` attribute is that party's; any other, the customer's. */
  const ownerOf = (k: string): string =>
    (k.startsWith('debtor') ? partyIdOf('debtor') : k.startsWith('creditor') ? partyIdOf('creditor') : undefined) ??
    customer;
  if (isObj(event.device) && event.device.ip !== undefined) {
    add(customer, 'device.ip', event.device.ip);
    const { ip: _ip, ...others } = event.device;
    copy().device = others;
  }
  const attributes = event.attributes;
  if (isObj(attributes)) {
    let attrs: Obj | undefined;
    // for…in without an entries array: this runs in the group commit for every event.
    for (const k in attributes) {
      if (!personal.has(k) || !Object.hasOwn(attributes, k)) continue;
      add(ownerOf(k), `attributes.${k}`, attributes[k]);
      attrs ??= { ...attributes };
      delete attrs[k];
    }
    if (attrs) copy().attributes = attrs;
  }
  return { rest, parts };
}

/** Puts opened fields back where `splitPersonal` took them from. */
export function mergePersonal(rest: Obj, fields: Obj): Obj {
  const out: Obj = { ...rest };
  for (const [path, value] of Object.entries(fields)) {
    const dot = path.indexOf('.');
    const head = path.slice(0, dot);
    const leaf = path.slice(dot + 1);
    if (!['debtor', 'creditor', 'device', 'attributes'].includes(head)) continue;
    const inner = isObj(out[head]) ? { ...out[head] } : {};
    inner[leaf] = value;
    out[head] = inner;
  }
  return out;
}

/** Personal values replaced by a mask that keeps the shape and a hint (first character, length class). */
export function maskPersonal(event: unknown, personal: ReadonlySet<string>): unknown {
  const { rest, parts } = splitPersonal(event, personal);
  if (parts.size === 0) return event;
  const masked: Obj = {};
  for (const fields of parts.values())
    for (const [path, value] of Object.entries(fields)) masked[path] = maskValue(value);
  return mergePersonal(rest as Obj, masked);
}

function maskValue(v: unknown): unknown {
  if (typeof v !== 'string') return v === null ? null : '***';
  const chars = [...v];
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 8))}`;
}
