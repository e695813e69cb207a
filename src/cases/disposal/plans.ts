/** Disposal plans as pure data and functions: which plans fit which alerts, and checking an application. */

export interface Bilingual {
  en: string;
  zh: string;
}

export interface DisposalPlan {
  id: string;
  version: number;
  /** Alert types (typology, rule id or obligation kind) the plan is for; `*` fits every alert. */
  appliesTo: string[];
  title: Bilingual;
  checklist: { id: string; text: Bilingual }[];
  /** `default` actions are the ones proposed unless the investigator decides otherwise. */
  actions: { id: string; default: boolean; text: Bilingual }[];
}

export interface PlanCatalogue {
  /** Version of the catalogue file. */
  version: string;
  plans: DisposalPlan[];
}

export interface DisposalInput {
  planId: string;
  completed: readonly string[];
  actions: readonly string[];
  note?: string | undefined;
}

export interface DisposalProblem {
  pointer: string;
  message: string;
  messageZh: string;
}

export interface CheckedDisposal {
  planId: string;
  planVersion: number;
  completed: string[];
  actions: string[];
  /** Checklist items not (yet) completed. */
  outstanding: string[];
  note?: string;
}

/** The plans fitting any of the alert types; specific plans first, the catch-all ones last. */
export function plansFor(catalogue: PlanCatalogue, alertTypes: readonly string[]): DisposalPlan[] {
  const types = new Set(alertTypes);
  const specific = catalogue.plans.filter((p) => p.appliesTo.some((t) => types.has(t)));
  const general = catalogue.plans.filter((p) => p.appliesTo.includes('*') && !specific.includes(p));
  return [...specific, ...general];
}

/** Checks that every checklist item and action id belongs to the plan, once each. */
export function checkDisposal(
  plan: DisposalPlan,
  input: DisposalInput,
): { ok: true; value: CheckedDisposal } | { ok: false; problems: DisposalProblem[] } {
  const problems: DisposalProblem[] = [];
  const check = (field: 'completed' | 'actions', ids: readonly string[], known: ReadonlySet<string>): void => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      const pointer = `/${field}/${i}`;
      if (seen.has(id)) problems.push({ pointer, message: `${id} is listed twice`, messageZh: `${id} 重复出现` });
      else if (!known.has(id))
        problems.push({
          pointer,
          message: `${id} is not ${field === 'completed' ? 'a checklist item' : 'an action'} of plan ${plan.id}`,
          messageZh: `${id} 不是处置方案 ${plan.id} 的${field === 'completed' ? '检查项' : '处置措施'}`,
        });
      seen.add(id);
    });
  };
  if (input.planId !== plan.id)
    problems.push({ pointer: '/planId', message: `expected plan ${plan.id}`, messageZh: `应为处置方案 ${plan.id}` });
  check('completed', input.completed, new Set(plan.checklist.map((c) => c.id)));
  check('actions', input.actions, new Set(plan.actions.map((a) => a.id)));
  if (problems.length > 0) return { ok: false, problems };
  const done = new Set(input.completed);
  return {
    ok: true,
    value: {
      planId: plan.id,
      planVersion: plan.version,
      completed: [...input.completed],
      actions: [...input.actions],
      outstanding: plan.checklist.filter((c) => !done.has(c.id)).map((c) => c.id),
      ...(input.note ? { note: input.note } : {}),
    },
  };
}

/** Structural problems of a catalogue (unique plan ids, unique item and action ids, both languages). */
export function catalogueProblems(c: PlanCatalogue): string[] {
  const out: string[] = [];
  const ids = new Set<string>();
  const bilingual = (b: Bilingual | undefined, where: string): void => {
    if (!b?.en || !b.zh) out.push(`${where}: en and zh texts are required`);
  };
  for (const p of c.plans) {
    if (ids.has(p.id)) out.push(`plan ${p.id} is defined twice`);
    ids.add(p.id);
    if (!Number.isInteger(p.version) || p.version < 1) out.push(`plan ${p.id}: version must be a positive integer`);
    if (p.appliesTo.length === 0) out.push(`plan ${p.id}: appliesTo is empty`);
    bilingual(p.title, `plan ${p.id} title`);
    for (const [kind, list] of [
      ['checklist', p.checklist],
      ['actions', p.actions],
    ] as const) {
      const seen = new Set<string>();
      for (const x of list) {
        if (seen.has(x.id)) out.push(`plan ${p.id}: ${kind} id ${x.id} is defined twice`);
        seen.add(x.id);
        bilingual(x.text, `plan ${p.id} ${kind} ${x.id}`);
      }
    }
  }
  return out;
}
