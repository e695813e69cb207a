/** The risk page: the general warning, the category bands and the tenant's current questionnaire, read-only. */
import { layout, withLang, type PageCtx } from './pages.ts';
import { esc, t } from './words.ts';

interface Bilingual {
  en: string;
  zh: string;
}
/** What this page reads of the suitability module's questionnaire (the shape it has there). */
export interface Questionnaire {
  name: Bilingual;
  source: Bilingual;
  questions: readonly { text: Bilingual; options: readonly { text: Bilingual }[] }[];
  bands: readonly { level: number; minScore: number; name: Bilingual }[];
}

export interface QuestionnaireSource {
  /** The questionnaire new assessments of this tenant use. */
  questionnaire(tenantId: string): Promise<Questionnaire>;
}

export function riskPage(c: PageCtx, q: Questionnaire): string {
  const L = c.lang === 'en' ? 'en' : 'zh';
  const bands = q.bands
    .map((b) => `<tr><td>C${b.level}</td><td>${esc(b.name[L])}</td><td>${b.minScore}</td></tr>`)
    .join('');
  const questions = q.questions
    .map(
      (x) => `<li><p>${esc(x.text[L])}</p><ul>${x.options.map((a) => `<li>${esc(a.text[L])}</li>`).join('')}</ul></li>`,
    )
    .join('');
  return layout(
    c,
    t(c.lang, 'risk'),
    `<section><p id="risk-notice">${esc(t(c.lang, 'riskNotice'))}</p></section>
<section><h2>${esc(t(c.lang, 'bands'))}</h2><table id="bands"><thead><tr><th></th><th></th><th>${esc(t(c.lang, 'minScore'))}</th></tr></thead><tbody>${bands}</tbody></table>
<p class="note">${esc(t(c.lang, 'source'))}: ${esc(q.source[L])}</p></section>
<section><h2>${esc(t(c.lang, 'questionnaire'))}: ${esc(q.name[L])}</h2><p class="note">${esc(t(c.lang, 'takeIt'))} <a id="to-sign-in" href="${esc(withLang(`${c.base}/sign-in`, c.lang))}">${esc(t(c.lang, 'signIn'))}</a></p>
<ol id="questions">${questions}</ol></section>`,
  );
}
