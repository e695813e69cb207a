// The consumer's own pages over real HTTP: the platform issues a one-time code over the API, the consumer
// signs in with it (a form, a cookie), takes the questionnaire, sees the category, recommendations and
// lessons and marks one done; wrong, used and expired codes get one answer; a session shows only its own
// customer; sign-out ends it; sign-in attempts are limited per IP.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultQuestionnaire as q } from '../../src/protection/suitability/index.ts';
import type { Clock } from '../../src/kernel/index.ts';
import { startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
let now = Date.UTC(2026, 10, 30, 2);
const clock: Clock = { now: () => now };

/** A browser without script: a cookie jar, forms posted as application/x-www-form-urlencoded. */
class Visitor {
  jar = new Map<string, string>();
  constructor(readonly ip = '') {}
  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...extra };
  }
  private keep(r: Response): void {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const [k, v] = [pair!.slice(0, i), pair!.slice(i + 1)];
      if (v === '' || /Max-Age=0/.test(c)) this.jar.delete(k);
      else this.jar.set(k, v);
    }
  }
  async get(path: string) {
    const r = await fetch(s.url + path, { headers: this.headers(), redirect: 'manual' });
    this.keep(r);
    return { status: r.status, text: await r.text(), location: r.headers.get('location'), headers: r.headers };
  }
  async post(path: string, fields: Record<string, string>) {
    const r = await fetch(s.url + path, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    this.keep(r);
    return { status: r.status, text: await r.text(), location: r.headers.get('location'), headers: r.headers };
  }
  /** The form token of the page (the hidden `form` field). */
  static token(html: string): string {
    return /name="form" value="([^"]+)"/.exec(html)![1]!;
  }
  async signIn(code: string, lang?: 'en') {
    const page = await this.get(`/portal/test-pay/sign-in${lang ? '?lang=en' : ''}`);
    return this.post('/portal/test-pay/sign-in', { code, form: Visitor.token(page.text), ...(lang ? { lang } : {}) });
  }
}

const issue = async (customerId: string, auth?: string) => {
  const r = await s.call('POST', '/v1/portal/sign-in-codes', { customerId }, auth);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { code: string; expiresAt: string; url: string };
};
/** Balanced answers (C3) as the form posts them: a radio per question, checkboxes for multiple choice. */
const formAnswers = (): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const x of q.questions) {
    const i =
      x.id === 'k_leverage' ? 2 : x.id === 'k_guarantee' ? 1 : x.id.startsWith('k_') ? 0 : x.options.length >> 1;
    if (x.multi) out[`m/${x.id}/${x.options[i]!.id}`] = '1';
    else out[`a/${x.id}`] = x.options[i]!.id;
  }
  return out;
};

describe('consumer sign-in and own pages', () => {
  beforeAll(async () => {
    s = await startServer({ screeningLists: '', clock });
    const product = (risk: string, goals: string[]) => ({
      name: { en: `Fund ${risk}`, zh: `${risk}基金` },
      risk,
      horizonMonths: 12,
      liquidity: 'weekly',
      goals,
    });
    for (const [id, risk] of [
      ['p-r1', 'R1'],
      ['p-r3', 'R3'],
      ['p-r5', 'R5'],
    ] as const)
      expect((await s.call('PUT', `/v1/products/${id}`, product(risk, ['growth']))).status).toBe(200);
  }, 30_000);
  afterAll(async () => s?.close());

  it('issues a code over the API, permission-checked, on the ledger with ids and hashes only', async () => {
    const issued = await issue('cust-1');
    expect(issued.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(Date.parse(issued.expiresAt) - now).toBe(15 * 60_000);
    expect(issued.url).toBe(`/portal/${s.tenantId}/sign-in?code=${issued.code}`);
    const analyst = await s.login(['analyst']);
    expect((await s.call('POST', '/v1/portal/sign-in-codes', { customerId: 'cust-1' }, analyst)).status).toBe(201);
    const auditor = await s.login(['auditor']);
    expect((await s.call('POST', '/v1/portal/sign-in-codes', { customerId: 'cust-1' }, auditor)).status).toBe(403);
    expect((await s.call('POST', '/v1/portal/sign-in-codes', { customerId: 'cust-1' }, null)).status).toBe(401);
    // In the API's OpenAPI; the consumer's HTML pages are not.
    const api = await s.call('GET', '/openapi.json');
    expect(api.body.paths['/v1/portal/sign-in-codes'].post.tags).toEqual(['portal']);
    expect(Object.keys(api.body.paths).filter((p) => p.startsWith('/portal'))).toEqual([]);
    const bad = await s.call('POST', '/v1/portal/sign-in-codes', { customerId: 'a b' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.pointer).toBe('/customerId');

    // Stored as a hash only; the ledger has the action, the customer id and a hash, never the code.
    const db = new Database(join(s.dataDir, 'zhili.db'), { readonly: true });
    const stored = JSON.stringify(db.prepare('SELECT * FROM portal_sign_in_codes').all());
    db.close();
    expect(stored).not.toContain(issued.code.replace(/-/g, ''));
    await s.zhili.ledger.catchUp();
    const conn = new Database(join(s.dataDir, 'zhili.db'), { readonly: true });
    const raw = JSON.stringify(conn.prepare("SELECT entry FROM ledger_leaves WHERE kind != 'decision'").all());
    conn.close();
    expect(raw).toContain('portal.sign-in-code.issue');
    expect(raw).not.toContain(issued.code);
  });

  it('signs in with the code, takes the questionnaire, sees category, recommendations and lessons', async () => {
    const v = new Visitor();
    expect((await v.get('/portal/test-pay/me')).location).toBe('/portal/test-pay/sign-in');
    const issued = await issue('cust-2');
    // The link from the platform opens the form with the code filled in; the consumer presses the button.
    const page = await v.get(issued.url.replace(s.tenantId, 'test-pay'));
    expect(page.text).toContain(`value="${issued.code}"`);
    expect(page.text).not.toContain('<script');
    const signedIn = await v.post('/portal/test-pay/sign-in', {
      code: issued.code.toLowerCase(),
      form: Visitor.token(page.text),
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/portal/test-pay/me');
    const cookie = signedIn.headers.getSetCookie().find((c) => c.startsWith('zp_') && !c.startsWith('zp_pre'))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/portal\//);
    expect(cookie).not.toMatch(/Secure/); // plain http here
    // Behind a proxy that terminates TLS the cookie is Secure.
    const viaProxy = await fetch(`${s.url}/portal/test-pay/sign-in`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaProxy.headers.getSetCookie()[0]).toMatch(/; Secure$/);

    const me = await v.get('/portal/test-pay/me?lang=en');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(me.text).toContain('cust-2');
    expect(me.text).toContain('You have not taken the risk questionnaire yet.');

    const form = await v.get('/portal/test-pay/me/questionnaire');
    expect(form.text).toContain(q.questions[0]!.text.zh);
    const token = Visitor.token(form.text);
    // Unanswered questions: the form again, with what is missing, nothing recorded.
    const partial = await v.post('/portal/test-pay/me/questionnaire?lang=en', {
      form: token,
      lang: 'en',
      [`a/${q.questions[0]!.id}`]: q.questions[0]!.options[0]!.id,
    });
    expect(partial.status).toBe(400);
    expect(partial.text).toContain('id="message"');
    expect(partial.text).toMatch(/checked/);
    // Without the form token nothing is recorded either.
    expect((await v.post('/portal/test-pay/me/questionnaire', { ...formAnswers(), form: 'x' })).status).toBe(403);
    const done = await v.post('/portal/test-pay/me/questionnaire', { ...formAnswers(), form: token, lang: 'en' });
    expect(done.status).toBe(303);
    expect(done.location).toBe('/portal/test-pay/me?assessed=1&lang=en');
    const after = await v.get(done.location!);
    expect(after.text).toContain('id="category">C3<');
    expect(after.text).toContain('your answers are recorded');
    expect(after.text).toMatch(/id="valid-until">2028-11-30</);
    expect(after.text).toContain('id="professional">No<');

    // The operator sees a self-assessment by the customer.
    const profile = await s.call('GET', '/v1/suitability/customers/cust-2');
    expect(profile.body.current).toMatchObject({ category: 'C3', actorId: 'customer:cust-2' });

    const recs = await v.get('/portal/test-pay/me/recommendations?lang=en');
    expect(recs.text).toContain('id="rec-p-r3"');
    expect(recs.text).toContain('id="rec-p-r1"');
    expect(recs.text).not.toContain('p-r5'); // never above C3
    expect(recs.text).toMatch(/<li class="rec"[\s\S]*<ul><li>[^<]+<\/li>/); // each explains itself

    const lessons = await v.get('/portal/test-pay/me/lessons?lang=en');
    const first = /id="mark-([^"]+)"/.exec(lessons.text)![1]!;
    expect(lessons.text).toMatch(/id="progress">0 of \d+ done</);
    const marked = await v.post(`/portal/test-pay/me/lessons/${first}`, {
      form: Visitor.token(lessons.text),
      lang: 'en',
    });
    expect(marked.status).toBe(303);
    const again = await v.get(marked.location!);
    expect(again.text).toMatch(/id="progress">1 of \d+ done</);
    expect(again.text).toContain(`id="done-${first}"`);
    const edu = await s.call('GET', '/v1/customers/cust-2/education');
    expect(edu.body.lessons.find((l: { id: string }) => l.id === first).state).toBe('completed');
  });

  it('answers a wrong, used or expired code the same way', async () => {
    const used = await issue('cust-3');
    expect((await new Visitor().signIn(used.code)).status).toBe(303);
    const expired = await issue('cust-4');
    const replaced = await issue('cust-5');
    await issue('cust-5'); // a new code for the customer: the earlier one stops working
    now += 15 * 60_000; // the expired one is exactly at its end
    const v = new Visitor();
    const answers = [];
    for (const code of [used.code, expired.code, replaced.code, 'AAAA-BBBB-CCCC', 'not a code']) {
      const r = await v.signIn(code);
      answers.push({ status: r.status, text: r.text, cookies: r.headers.getSetCookie().length });
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.status).toBe(400);
    expect(answers[0]!.text).toContain('该登录码无效');
    expect(answers[0]!.cookies).toBe(0);
    expect((await v.get('/portal/test-pay/me')).status).toBe(303);
  });

  it('a session shows only its own customer, for its own tenant, and ends on sign-out', async () => {
    const a = new Visitor();
    await a.signIn((await issue('cust-a')).code);
    const b = new Visitor();
    await b.signIn((await issue('cust-b')).code);
    expect((await a.get('/portal/test-pay/me')).text).toContain('id="customer">cust-a<');
    expect((await b.get('/portal/test-pay/me')).text).toContain('id="customer">cust-b<');
    // No page takes a customer id: one given is refused or ignored, never shown.
    const sneaky = await a.get('/portal/test-pay/me?customerId=cust-b');
    expect(sneaky.text).not.toContain('cust-b');
    // The same cookie on another tenant's portal is no session there.
    const other = await s.zhili.createTenant('Other Pay 其他');
    const elsewhere = new Visitor();
    for (const [k, v] of a.jar)
      elsewhere.jar.set(
        k.replace(s.tenantId.replace(/[^A-Za-z0-9_]/g, '_'), other.tenant.id.replace(/[^A-Za-z0-9_]/g, '_')),
        v,
      );
    expect((await elsewhere.get(`/portal/${other.tenant.id}/me`)).status).toBe(303);

    const me = await a.get('/portal/test-pay/me');
    // Sign-out needs the form token too.
    expect((await a.post('/portal/test-pay/sign-out', { form: 'nope' })).status).toBe(403);
    const out = await a.post('/portal/test-pay/sign-out', { form: Visitor.token(me.text), lang: 'en' });
    expect(out.status).toBe(200);
    expect(out.text).toContain('You have signed out.');
    expect(a.jar.size).toBe(0);
    // The old cookie value no longer works even if kept.
    const stolen = new Visitor();
    for (const [k, v] of b.jar) stolen.jar.set(k, v);
    await b.post('/portal/test-pay/sign-out', { form: Visitor.token((await b.get('/portal/test-pay/me')).text) });
    expect((await stolen.get('/portal/test-pay/me')).status).toBe(303);
  });

  it('ends a session after 20 idle minutes and after 4 hours whatever the activity', async () => {
    const v = new Visitor();
    await v.signIn((await issue('cust-idle')).code);
    now += 19 * 60_000;
    expect((await v.get('/portal/test-pay/me')).status).toBe(200);
    now += 19 * 60_000;
    expect((await v.get('/portal/test-pay/me')).status).toBe(200);
    now += 20 * 60_000;
    expect((await v.get('/portal/test-pay/me')).status).toBe(303);

    const w = new Visitor();
    await w.signIn((await issue('cust-long')).code);
    for (let i = 0; i < 16; i++) {
      now += 15 * 60_000;
      expect((await w.get('/portal/test-pay/me')).status).toBe(i < 15 ? 200 : 303);
    }
  });

  it('limits sign-in attempts per IP address', async () => {
    const v = new Visitor();
    const page = await v.get('/portal/test-pay/sign-in');
    // 20 a window per address (the other tests here used some of them): wrong codes, then refusals.
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++)
      statuses.push(
        (await v.post('/portal/test-pay/sign-in', { code: 'AAAA-AAAA-AAAA', form: Visitor.token(page.text) })).status,
      );
    expect(statuses[0]).toBe(400);
    expect(new Set(statuses)).toEqual(new Set([400, 429]));
    expect(statuses.at(-1)).toBe(429);
    const ok = await issue('cust-late');
    const refused = await v.post('/portal/test-pay/sign-in?lang=en', { code: ok.code, form: Visitor.token(page.text) });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many requests');
  });
});
