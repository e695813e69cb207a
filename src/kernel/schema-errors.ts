import { ValueErrorType, type ValueErrorIterator } from '@sinclair/typebox/errors';
import type { ErrorDetail } from './errors.ts';

const zh: Partial<Record<ValueErrorType, (e: { schema: Record<string, unknown> }) => string>> = {
  [ValueErrorType.ObjectRequiredProperty]: () => '缺少必填字段。',
  [ValueErrorType.ObjectAdditionalProperties]: () => '不允许的字段。',
  [ValueErrorType.ObjectMaxProperties]: (e) => `字段数不能超过 ${String(e.schema.maxProperties)} 个。`,
  [ValueErrorType.Object]: () => '应为对象。',
  [ValueErrorType.Array]: () => '应为数组。',
  [ValueErrorType.ArrayMaxItems]: (e) => `元素个数不能超过 ${String(e.schema.maxItems)} 个。`,
  [ValueErrorType.ArrayMinItems]: (e) => `元素个数不能少于 ${String(e.schema.minItems)} 个。`,
  [ValueErrorType.String]: () => '应为字符串。',
  [ValueErrorType.StringMaxLength]: (e) => `长度不能超过 ${String(e.schema.maxLength)} 个字符。`,
  [ValueErrorType.StringMinLength]: (e) => `长度不能少于 ${String(e.schema.minLength)} 个字符。`,
  [ValueErrorType.StringPattern]: () => '格式不正确。',
  [ValueErrorType.Number]: () => '应为数字。',
  [ValueErrorType.Integer]: () => '应为整数。',
  [ValueErrorType.IntegerMinimum]: (e) => `不能小于 ${String(e.schema.minimum)}。`,
  [ValueErrorType.IntegerMaximum]: (e) => `不能大于 ${String(e.schema.maximum)}。`,
  [ValueErrorType.Boolean]: () => '应为布尔值。',
  [ValueErrorType.Literal]: () => '取值无效。',
  [ValueErrorType.Union]: () => '取值无效，不是允许的选项之一。',
};

/**
 * Turns schema errors into what a client can act on: the JSON pointer of each bad field, in English
 * and Chinese. Union alternatives repeat the same field, so only the first error per pointer is kept.
 */
export function schemaErrors(errors: ValueErrorIterator, pointerPrefix = '', limit = 20): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const pointer = pointerPrefix + e.path;
    if (seen.has(pointer)) continue;
    seen.add(pointer);
    const field = e.path === '' ? 'body' : e.path;
    out.push({
      pointer,
      message: `${field}: ${e.message}`,
      messageZh: `${field}：${zh[e.type]?.({ schema: e.schema }) ?? '取值无效。'}`,
    });
    if (out.length >= limit) break;
  }
  return out;
}
