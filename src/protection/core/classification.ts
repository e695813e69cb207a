/** The complaint classification table: business category × cause, each code with an en and zh label. */
export interface CodeLabel {
  code: string;
  en: string;
  zh: string;
}

export interface ClassificationTable {
  id: string;
  source: string;
  sourceZh: string;
  categories: CodeLabel[];
  causes: CodeLabel[];
}

export type ClassificationCheck = { ok: true } | { ok: false; pointer: '/category' | '/cause'; code: string };

export function checkClassification(t: ClassificationTable, category: string, cause: string): ClassificationCheck {
  if (!t.categories.some((c) => c.code === category)) return { ok: false, pointer: '/category', code: category };
  if (!t.causes.some((c) => c.code === cause)) return { ok: false, pointer: '/cause', code: cause };
  return { ok: true };
}

export function labelOf(list: readonly CodeLabel[], code: string): CodeLabel {
  return list.find((c) => c.code === code) ?? { code, en: code, zh: code };
}
