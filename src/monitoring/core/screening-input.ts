/**
 * What rules see of sanctions/PEP screening (CEL variable `screening`): one result per party side.
 * The engine fills it from the screening module before the rules run; the core only reads it.
 */
export interface PartyScreening {
  /** A name was present and screened. */
  readonly screened: boolean;
  /** Best calibrated match probability, 0 when nothing matched. */
  readonly score: number;
  /** A match at or above the list's threshold: a possible hit (review). */
  readonly hit: boolean;
  /** A confirmed hit: above the block threshold and not on a weak alias only (block). */
  readonly block: boolean;
  readonly listId: string;
  readonly entryId: string;
}

export interface ScreeningInput {
  readonly debtor: PartyScreening;
  readonly creditor: PartyScreening;
}

export const notScreened: PartyScreening = {
  screened: false,
  score: 0,
  hit: false,
  block: false,
  listId: '',
  entryId: '',
};

export const noScreening: ScreeningInput = { debtor: notScreened, creditor: notScreened };
