import { Ajv } from 'ajv';
import type { Decision } from './core/rules/decide.ts';
import { DecisionSchema } from './schemas.ts';

/**
 * Whether a value received or read back (another node's answer, a stored evaluation) is a whole decision
 * as the API answers it. Ajv, not TypeBox's checker: the schema's enums are plain JSON-schema enums.
 */
export const isDecision = new Ajv({ allErrors: false, strict: false }).compile<Decision>(DecisionSchema);
