/** Static types the host declares for variables and functions. `dyn` switches checking off for a subtree. */
export type CelType =
  | { readonly kind: 'int' }
  | { readonly kind: 'uint' }
  | { readonly kind: 'double' }
  | { readonly kind: 'bytes' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'duration' }
  | { readonly kind: 'type' }
  | { readonly kind: 'string' }
  | { readonly kind: 'bool' }
  | { readonly kind: 'null' }
  | { readonly kind: 'dyn' }
  | { readonly kind: 'list'; readonly elem: CelType }
  | { readonly kind: 'map'; readonly key: CelType; readonly value: CelType }
  | { readonly kind: 'object'; readonly name: string; readonly fields: Readonly<Record<string, CelType>> };

export const T = {
  int: { kind: 'int' },
  uint: { kind: 'uint' },
  double: { kind: 'double' },
  bytes: { kind: 'bytes' },
  timestamp: { kind: 'timestamp' },
  duration: { kind: 'duration' },
  type: { kind: 'type' },
  string: { kind: 'string' },
  bool: { kind: 'bool' },
  null: { kind: 'null' },
  dyn: { kind: 'dyn' },
  list: (elem: CelType): CelType => ({ kind: 'list', elem }),
  map: (key: CelType, value: CelType): CelType => ({ kind: 'map', key, value }),
  object: (name: string, fields: Record<string, CelType>): CelType => ({ kind: 'object', name, fields }),
} as const satisfies Record<string, CelType | ((...a: never[]) => CelType)>;

export function typeName(t: CelType): string {
  switch (t.kind) {
    case 'list':
      return `list(${typeName(t.elem)})`;
    case 'map':
      return `map(${typeName(t.key)}, ${typeName(t.value)})`;
    case 'object':
      return t.name;
    case 'timestamp':
      return 'google.protobuf.Timestamp';
    case 'duration':
      return 'google.protobuf.Duration';
    default:
      return t.kind;
  }
}

/** int and double: both are JS numbers (or bigint ints), so JS operators order and compare them directly. */
export const isNumeric = (t: CelType): boolean => t.kind === 'int' || t.kind === 'double';
/** Any CEL number; CEL compares int, uint and double with each other by value. */
export const isAnyNumber = (t: CelType): boolean => isNumeric(t) || t.kind === 'uint';
export const isPrimitive = (t: CelType): boolean =>
  t.kind === 'int' || t.kind === 'double' || t.kind === 'string' || t.kind === 'bool' || t.kind === 'null';

/** Whether a value of static type `from` may be passed where `to` is expected; `dyn` matches anything. */
export function isAssignable(to: CelType, from: CelType): boolean {
  if (to.kind === 'dyn' || from.kind === 'dyn') return true;
  switch (to.kind) {
    case 'list':
      return from.kind === 'list' && isAssignable(to.elem, from.elem);
    case 'map':
      return from.kind === 'map' && isAssignable(to.key, from.key) && isAssignable(to.value, from.value);
    case 'object':
      // Object types are nominal, as proto messages are in CEL; null stands for an absent message.
      return (from.kind === 'object' && from.name === to.name) || from.kind === 'null';
    default:
      return to.kind === from.kind;
  }
}

/** The type both branches of `?:` or all elements of a list literal share, or undefined when they clash. */
export function join(a: CelType, b: CelType): CelType | undefined {
  if (a.kind === 'dyn' || b.kind === 'dyn') return T.dyn;
  if (a.kind === 'null' && b.kind === 'object') return b;
  if (b.kind === 'null' && a.kind === 'object') return a;
  if (a.kind === 'list' && b.kind === 'list') {
    const elem = join(a.elem, b.elem);
    return elem === undefined ? undefined : T.list(elem);
  }
  if (a.kind === 'map' && b.kind === 'map') {
    const key = join(a.key, b.key);
    const value = join(a.value, b.value);
    return key === undefined || value === undefined ? undefined : T.map(key, value);
  }
  if (a.kind === 'object' && b.kind === 'object') return a.name === b.name ? a : undefined;
  return a.kind === b.kind ? a : undefined;
}

/** Whether `==` between the two types can ever be true; CEL compares int and double numerically. */
export function comparable(a: CelType, b: CelType): boolean {
  if (a.kind === 'dyn' || b.kind === 'dyn' || a.kind === 'null' || b.kind === 'null') return true;
  if (isAnyNumber(a) && isAnyNumber(b)) return true;
  if (a.kind === 'list' && b.kind === 'list') return comparable(a.elem, b.elem);
  if (a.kind === 'map' && b.kind === 'map') return comparable(a.key, b.key) && comparable(a.value, b.value);
  if (a.kind === 'object' && b.kind === 'object') return a.name === b.name;
  return a.kind === b.kind;
}
