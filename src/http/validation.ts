import type { TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { schemaErrors, ZhiliError } from '../kernel/index.ts';

/**
 * Every route body, query and params is checked by TypeBox's compiled checker (the schemas are the
 * truth); a failure becomes ZHILI_E_VALIDATION with JSON pointers, in English and Chinese.
 */
export function typeboxValidatorCompiler({ schema, httpPart }: { schema: unknown; httpPart?: string }) {
  const check = TypeCompiler.Compile(schema as TSchema);
  const where = httpPart === 'body' ? '' : `/${httpPart ?? ''}`;
  return (data: unknown) => {
    if (check.Check(data)) return { value: data };
    const details = schemaErrors(check.Errors(data), where);
    const first = details[0];
    return {
      error: new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: first?.pointer ?? where,
        ...(first ? { message: first.message, messageZh: first.messageZh } : {}),
        details,
      }),
    };
  };
}
