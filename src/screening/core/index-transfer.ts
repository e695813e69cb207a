/**
 * The screening index taken apart into parts of a bounded size, and put together again. A list reload
 * parses and indexes in a worker thread; the result crosses to the main thread as these parts, each
 * received in its own turn of the event loop, so that copying ~10,000 entries and ~25,000 name forms
 * never holds the loop for long. Maps travel as arrays of entries, the typed arrays as they are, and the
 * scratch space is made where it is used.
 */
import type { NameForm, ScreeningIndex } from './index-build.ts';
import type { ListEntry } from './types.ts';

export type IndexPart =
  | { kind: 'entries'; items: ListEntry[] }
  | { kind: 'forms'; items: NameForm[] }
  | { kind: 'vocab'; vocab: string[]; phon: string[]; spell: string[]; postings: number[][] }
  | { kind: 'phonIndex' | 'gramIndex' | 'idIndex'; items: [string, number[]][] }
  | { kind: 'weights'; weight: Float64Array; gramCount: Uint16Array };

function* slices<T>(xs: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

/** The index as parts of at most `size` items (entries, forms, tokens or map keys) each. */
export function* indexParts(ix: ScreeningIndex, size = 200): Generator<IndexPart> {
  for (const items of slices(ix.entries, size)) yield { kind: 'entries', items };
  for (const items of slices(ix.forms, size)) yield { kind: 'forms', items };
  for (let i = 0; i < ix.vocab.length; i += size)
    yield {
      kind: 'vocab',
      vocab: ix.vocab.slice(i, i + size),
      phon: ix.phon.slice(i, i + size),
      spell: ix.spell.slice(i, i + size),
      postings: ix.postings.slice(i, i + size),
    };
  for (const kind of ['phonIndex', 'gramIndex', 'idIndex'] as const)
    for (const items of slices([...ix[kind]], size)) yield { kind, items };
  yield { kind: 'weights', weight: ix.weight, gramCount: ix.gramCount };
}

/** Puts an index together from its parts, in the order `indexParts` gave them. */
export class IndexAssembler {
  private readonly entries: ListEntry[] = [];
  private readonly forms: NameForm[] = [];
  private readonly vocab: string[] = [];
  private readonly vocabId = new Map<string, number>();
  private readonly phon: string[] = [];
  private readonly spell: string[] = [];
  private readonly postings: number[][] = [];
  private readonly maps = {
    phonIndex: new Map<string, number[]>(),
    gramIndex: new Map<string, number[]>(),
    idIndex: new Map<string, number[]>(),
  };
  private weights: { weight: Float64Array; gramCount: Uint16Array } | undefined;

  add(part: IndexPart): void {
    switch (part.kind) {
      case 'entries':
        for (const e of part.items) this.entries.push(e);
        return;
      case 'forms':
        for (const f of part.items) this.forms.push(f);
        return;
      case 'vocab':
        part.vocab.forEach((t, i) => {
          this.vocabId.set(t, this.vocab.length);
          this.vocab.push(t);
          this.phon.push(part.phon[i] ?? '');
          this.spell.push(part.spell[i] ?? '');
          this.postings.push(part.postings[i] ?? []);
        });
        return;
      case 'weights':
        this.weights = { weight: part.weight, gramCount: part.gramCount };
        return;
      default: {
        const map = this.maps[part.kind];
        for (const [k, v] of part.items) map.set(k, v);
      }
    }
  }

  /** The index; throws if a part is missing (the weights come last). */
  finish(): ScreeningIndex {
    const w = this.weights;
    if (!w || w.weight.length !== this.vocab.length) throw new Error('screening index transfer incomplete');
    return {
      entries: this.entries,
      forms: this.forms,
      vocab: this.vocab,
      vocabId: this.vocabId,
      phon: this.phon,
      spell: this.spell,
      phonIndex: this.maps.phonIndex,
      weight: w.weight,
      postings: this.postings,
      gramIndex: this.maps.gramIndex,
      gramCount: w.gramCount,
      idIndex: this.maps.idIndex,
      scratch: {
        acc: new Float64Array(this.forms.length),
        stamp: new Float64Array(this.forms.length),
        best: new Float64Array(this.forms.length),
        gramHits: new Uint16Array(this.vocab.length),
        gramStamp: new Float64Array(this.vocab.length),
        tick: 0,
      },
    };
  }
}
