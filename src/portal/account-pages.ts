/**
 * The signed-in consumer's pages: sign-in, their category, the questionnaire, recommendations and
 * lessons. Server-rendered, no script; every form carries the session's form token.
 */
import type { SuitabilityModule } from '../protection/index.ts';
import { layout, withLang, type PageCtx } from './pages.ts';
import { esc, t, type Lang, type Word } from './words.ts';

type Self = SuitabilityModule['self'];
export type SelfQuestionnaire = Awaited<ReturnType<Self['questionnaire']>>;
export type SelfProfile = Awaited<ReturnType<Self['profile']>>;
export type SelfRecommendations = Awaited<ReturnType<Self['recommendations']>>;
export type SelfEducation = Awaited<ReturnType<Self['education']>>;
type Bilingual = { en: string; zh: string };

const tr = (c: PageCtx, b: Bilingual): string => esc(c.lang === 'en' ? b.en : b.zh);
const w = (c: PageCtx, word: Word): string => esc(t(c.lang, word));
const href = (c: PageCtx, path: string): string => esc(withLang(c.base + path, c.lang));
const langField = (lang: Lang): string => (lang === 'en' ? '<input type="hidden" name="lang" value="en">' : '');
const hidden = (name: string, value: string): string =>
  `<input type="hidden" name="${esc(name)}" value="${esc(value)}">`;
/** Dates as the consumer reads them: the calendar day in the platform's time zone. */
const day = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );

export function signInPage(c: PageCtx, o: { code: string; formToken: string; failed: boolean }): string {
  return layout(
    c,
    t(c.lang, 'signIn'),
    `${o.failed ? `<section class="err"><p id="message">${w(c, 'badCode')}</p></section>` : ''}
<section><p class="note">${w(c, 'signInIntro')}</p>
<form method="post" action="${href(c, '/sign-in')}">${langField(c.lang)}${hidden('form', o.formToken)}
<label for="code">${w(c, 'signInCode')}</label><input id="code" name="code" required maxlength="32" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" value="${esc(o.code)}">
<button type="submit">${w(c, 'signIn')}</button></form></section>`,
  );
}

/** The links between the signed-in pages, and the sign-out button. */
function accountNav(c: PageCtx, formToken: string): string {
  const a = (path: string, word: Word, id: string) => `<a id="${id}" href="${href(c, path)}">${w(c, word)}</a>`;
  return `<nav class="me">${a('/me', 'myAccount', 'nav-me')}${a('/me/questionnaire', 'takeQuestionnaire', 'nav-questionnaire')}${a('/me/recommendations', 'recommendations', 'nav-recommendations')}${a('/me/lessons', 'lessons', 'nav-lessons')}</nav>
<form class="inline" method="post" action="${href(c, '/sign-out')}">${langField(c.lang)}${hidden('form', formToken)}<button id="sign-out" class="secondary" type="submit">${w(c, 'signOut')}</button></form>`;
}

export function accountPage(
  c: PageCtx,
  o: {
    customerId: string;
    timeZone: string;
    profile: SelfProfile;
    bandName: Bilingual | undefined;
    formToken: string;
    justAssessed: boolean;
  },
): string {
  const p = o.profile;
  const cur = p.current;
  const pro = p.professional?.inForce
    ? `${w(c, 'professionalUntil')} ${esc(day(p.professional.until, o.timeZone))}`
    : w(c, 'professionalNo');
  const category = cur
    ? `<p class="big" id="category">${esc(cur.category)}</p>${o.bandName ? `<p id="band">${tr(c, o.bandName)}</p>` : ''}
<dl><dt>${w(c, 'score')}</dt><dd id="score">${cur.score}</dd>
<dt>${w(c, 'assessedOn')}</dt><dd id="assessed-on">${esc(day(cur.assessedAt, o.timeZone))}</dd>
<dt>${w(c, 'validUntil')}</dt><dd id="valid-until">${esc(day(cur.expiresAt, o.timeZone))}</dd>
<dt>${w(c, 'professional')}</dt><dd id="professional">${pro}</dd></dl>
${cur.expired ? `<p class="warn" id="expired">${w(c, 'expiredNote')}</p>` : ''}`
    : `<p id="category-none">${w(c, 'notAssessed')}</p><dl><dt>${w(c, 'professional')}</dt><dd id="professional">${pro}</dd></dl>`;
  return layout(
    c,
    t(c.lang, 'myAccount'),
    `${accountNav(c, o.formToken)}
${o.justAssessed ? `<section class="flash"><p id="assessed">${w(c, 'assessedNow')}</p></section>` : ''}
<section><dl><dt>${w(c, 'customerNumber')}</dt><dd id="customer">${esc(o.customerId)}</dd></dl></section>
<section><h2>${w(c, 'yourCategory')}</h2>${category}
<p><a id="to-questionnaire" href="${href(c, '/me/questionnaire')}">${w(c, cur ? 'retakeQuestionnaire' : 'takeQuestionnaire')}</a></p></section>`,
  );
}

export function questionnairePage(
  c: PageCtx,
  o: { q: SelfQuestionnaire; formToken: string; answers: Record<string, string[]>; error?: string | undefined },
): string {
  const questions = o.q.questions
    .map((x, i) => {
      const chosen = new Set(o.answers[x.id] ?? []);
      const options = x.options
        .map((a) => {
          const id = `o-${x.id}-${a.id}`;
          const input = x.multi
            ? `<input type="checkbox" id="${esc(id)}" name="${esc(`m/${x.id}/${a.id}`)}" value="1"${chosen.has(a.id) ? ' checked' : ''}>`
            : `<input type="radio" id="${esc(id)}" name="${esc(`a/${x.id}`)}" value="${esc(a.id)}"${chosen.has(a.id) ? ' checked' : ''}${x.multi ? '' : ' required'}>`;
          return `<label class="opt" for="${esc(id)}">${input}<span>${tr(c, a.text)}</span></label>`;
        })
        .join('');
      return `<fieldset id="q-${esc(x.id)}"><legend>${i + 1}. ${tr(c, x.text)}${x.multi ? ` <span class="note">${w(c, 'chooseSeveral')}</span>` : ''}</legend>${options}</fieldset>`;
    })
    .join('');
  return layout(
    c,
    t(c.lang, 'takeQuestionnaire'),
    `${accountNav(c, o.formToken)}
${o.error ? `<section class="err"><p id="message">${esc(o.error)}</p></section>` : ''}
<section><h2>${tr(c, o.q.name)}</h2><p class="note">${w(c, 'questionnaireIntro')}</p>
<form method="post" action="${href(c, '/me/questionnaire')}">${langField(c.lang)}${hidden('form', o.formToken)}
${questions}<button id="submit-answers" type="submit">${w(c, 'submitAnswers')}</button></form>
<p class="note">${w(c, 'source')}: ${tr(c, o.q.source)}</p></section>`,
  );
}

export function recommendationsPage(c: PageCtx, o: { recs: SelfRecommendations; formToken: string }): string {
  const items = o.recs.recommendations
    .map(
      (r) => `<li class="rec" id="rec-${esc(r.productId)}"><h2>${tr(c, r.name)}</h2>
<dl><dt>${w(c, 'productRisk')}</dt><dd class="risk">${esc(r.risk)}</dd><dt>${w(c, 'fit')}</dt><dd>${r.fit}/100</dd></dl>
<ul>${r.explanation.map((x) => `<li>${tr(c, x)}</li>`).join('')}</ul></li>`,
    )
    .join('');
  const note = o.recs.note ? `<p id="rec-note">${tr(c, o.recs.note)}</p>` : '';
  return layout(
    c,
    t(c.lang, 'recommendations'),
    `${accountNav(c, o.formToken)}<section><p class="note">${w(c, 'recIntro')}</p>${note}
${items ? `<ol id="recommendations">${items}</ol>` : note ? '' : `<p id="rec-none">${w(c, 'noRecs')}</p>`}</section>`,
  );
}

export function lessonsPage(c: PageCtx, o: { edu: SelfEducation; formToken: string }): string {
  const progress =
    c.lang === 'en' ? `${o.edu.completed} of ${o.edu.total} done` : `已完成 ${o.edu.completed}/${o.edu.total}`;
  const items = o.edu.lessons
    .map((l) => {
      const done = l.state === 'completed';
      const action = done
        ? `<p class="state" id="done-${esc(l.id)}">✓ ${w(c, 'lessonDone')}</p>`
        : `<form method="post" action="${href(c, `/me/lessons/${encodeURIComponent(l.id)}`)}">${langField(c.lang)}${hidden('form', o.formToken)}<button id="mark-${esc(l.id)}" type="submit">${w(c, 'markDone')}</button></form>`;
      return `<section class="lesson" id="lesson-${esc(l.id)}"><h2>${tr(c, l.title)}</h2><p class="note">${l.minutes} ${w(c, 'minutes')}</p><p>${tr(c, l.body)}</p>${action}</section>`;
    })
    .join('');
  return layout(
    c,
    t(c.lang, 'lessons'),
    `${accountNav(c, o.formToken)}<section><p class="note">${w(c, 'lessonsIntro')}</p><p id="progress">${esc(progress)}</p></section>
${items || `<section><p id="lessons-none">${w(c, 'noLessons')}</p></section>`}`,
  );
}
