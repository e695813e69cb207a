/**
 * Schemas of what the parties module seals: a version's C2 part and a screening hit's detail. Sealed
 * data is checked when it is opened, so a wrongly shaped plaintext (an old format, a bug in a writer)
 * fails where it is read instead of travelling on as a wrong type.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Hit } from '../../screening/index.ts';
import { c2Keys } from '../core/classes.ts';
import { PartyInputSchema } from '../schemas.ts';

export const SealedC2Schema = Type.Pick(PartyInputSchema, c2Keys, { $id: 'SealedC2Part' });

const Bilingual = Type.Object({ en: Type.String(), zh: Type.String() });

export const SealedHitSchema = Type.Object(
  {
    listId: Type.String(),
    entryId: Type.String(),
    kind: Type.Union([
      Type.Literal('person'),
      Type.Literal('organisation'),
      Type.Literal('vessel'),
      Type.Literal('aircraft'),
      Type.Literal('unknown'),
    ]),
    score: Type.Number(),
    matchedName: Type.String(),
    nameKind: Type.Union([
      Type.Literal('primary'),
      Type.Literal('aka'),
      Type.Literal('fka'),
      Type.Literal('nka'),
      Type.Literal('original'),
    ]),
    weakOnly: Type.Boolean(),
    decisive: Type.Boolean(),
    recommendation: Type.Union([Type.Literal('block'), Type.Literal('review')]),
    parts: Type.Array(
      Type.Object({
        query: Type.String(),
        entry: Type.String(),
        method: Type.Union([
          Type.Literal('exact'),
          Type.Literal('characters'),
          Type.Literal('reading'),
          Type.Literal('pinyin'),
          Type.Literal('transliteration'),
          Type.Literal('phonetic'),
          Type.Literal('fuzzy'),
          Type.Literal('initial'),
          Type.Literal('joined'),
          Type.Literal('legalForm'),
          Type.Literal('abbreviation'),
        ]),
        similarity: Type.Number(),
        how: Type.Optional(Bilingual),
      }),
    ),
    factors: Type.Array(
      Type.Object({
        factor: Type.Union([
          Type.Literal('name'),
          Type.Literal('dob'),
          Type.Literal('country'),
          Type.Literal('gender'),
          Type.Literal('id'),
          Type.Literal('prior'),
        ]),
        detail: Type.String(),
        logOdds: Type.Number(),
      }),
    ),
    corroborated: Type.Optional(Type.Boolean()),
    explanation: Type.Optional(Bilingual),
  },
  { $id: 'SealedHit' },
);

// Kept in step with the screening module's Hit at compile time, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const hitInStep: Same<Static<typeof SealedHitSchema>, Hit> = true;
void hitInStep;
