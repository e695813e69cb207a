// The consumer area over real HTTP: a complaint filed through the plain form, followed with its code, an
// operator seeing it as a portal complaint; a wrong code or reference gets the same bare 404; per-IP limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
const form = (path: string, fields: Record<string, string>) =>
  fetch(s.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
const get = async (path: string) => {
  const r = await fetch(s.url + path, { redirect: 'manual' });
  return { status: r.status, text: await r.text(), headers: r.headers };
};
const complaint = {
  category: 'B05',
  cause: 'C05',
  description: '扣款两次 charged twice',
  name: '张三',
  phone: '13800000000',
};

describe('consumer portal', () => {
  beforeAll(async () => {
    s = await startServer({ screeningLists: '' });
  }, 30_000);
  afterAll(async () => s?.close());

  it('shows the landing page by slug and id, in both languages, with no script', async () => {
    const zh = await get('/portal/test-pay');
    expect(zh.status).toBe(200);
    expect(zh.text).toContain('<html lang="zh-CN">');
    expect(zh.text).toContain('提交投诉');
    expect(zh.text).not.toContain('<script');
    expect(zh.text).toContain('href="/portal/test-pay/disclosures"');
    const en = await get(`/portal/${s.tenantId}?lang=en`);
    expect(en.text).toContain('File a complaint');
    expect(en.text).toContain('Risk warnings');
    expect((await get('/portal/no-such-platform')).status).toBe(404);
  });

  it('files a complaint through the form and follows it only with the code', async () => {
    const newForm = await get('/portal/test-pay/complaints/new?lang=en');
    expect(newForm.text).toContain('<form method="post" action="/portal/test-pay/complaints?lang=en">');
    const r = await form('/portal/test-pay/complaints', { ...complaint, customer: '', lang: 'en' });
    expect(r.status).toBe(303);
    const location = r.headers.get('location')!;
    const m = /^\/portal\/test-pay\/complaints\/([A-Za-z0-9_-]+)\?code=([0-9A-Z-]+)&filed=1&lang=en$/.exec(location);
    expect(m, location).not.toBeNull();
    const [, ref, code] = m!;
    const page = await get(location);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toContain(code);
    expect(page.text).toContain('Received');
    expect(page.text).toContain('Decision due by');
    expect(page.text).not.toContain('张三'); // personal data stays sealed

    // The operator sees it as a portal complaint, with the consumer's words sealed.
    const op = await s.call('GET', `/v1/complaints/${ref}`);
    expect(op.status).toBe(200);
    expect(op.body.channel).toBe('portal');
    expect(op.body.customerId).toBe('anonymous');

    // Following through the follow form (lower case, no dashes) lands on the same page in Chinese.
    const f = await form('/portal/test-pay/complaints/follow', {
      ref: ref!,
      code: code!.toLowerCase().replace(/-/g, ''),
    });
    expect(f.status).toBe(303);
    const zh = await get(f.headers.get('location')!);
    expect(zh.status).toBe(200);
    expect(zh.text).toContain('已受理');
    expect(zh.text).toContain(ref);

    // Wrong code, no code, unknown reference: the same bare 404 page, nothing about the complaint.
    const wrong = code!.startsWith('A') ? `B${code!.slice(1)}` : `A${code!.slice(1)}`;
    const bad = [
      await get(`/portal/test-pay/complaints/${ref}?code=${wrong}`),
      await get(`/portal/test-pay/complaints/${ref}`),
      await get(`/portal/test-pay/complaints/cmp_nope?code=${code}`),
      await get(`/portal/${s.tenantId}/complaints/${ref}?code=${code}&lang=en`).then(async (ok) => {
        expect(ok.status).toBe(200); // the id works as well as the slug
        return get(`/portal/test-pay/complaints/${ref}x?code=${code}`);
      }),
    ];
    const bodies = new Set(bad.map((b) => b.text));
    for (const b of bad) {
      expect(b.status).toBe(404);
      expect(b.text).not.toContain(ref);
      expect(b.text).not.toContain('B05');
    }
    expect(bodies.size).toBe(1);
  });

  it('refuses invalid input with a page, and a phone-filed complaint is not followable', async () => {
    const bad = await form('/portal/test-pay/complaints', { ...complaint, description: '', lang: 'en' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Please check what you entered');
    const unknown = await form('/portal/test-pay/complaints', { ...complaint, category: 'ZZ9' });
    expect([400, 422]).toContain(unknown.status);
    const extra = await form('/portal/test-pay/complaints', { ...complaint, channel: 'phone' });
    expect(extra.status).toBe(400);
  });

  it('shows the risk warning, the category bands and the questionnaire read-only', async () => {
    const en = await get('/portal/test-pay/risk?lang=en');
    expect(en.status).toBe(200);
    expect(en.text).toContain('you may lose part or all');
    expect(en.text).toContain('C5');
    expect(en.text).not.toContain('<form');
    const zh = await get('/portal/test-pay/risk');
    expect(zh.text).toContain('投资有风险');
  });

  it('limits filing per IP address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await form('/portal/test-pay/complaints', complaint)).status);
    expect(statuses).toContain(429);
    const last = await form('/portal/test-pay/complaints?lang=en', complaint);
    expect(last.status).toBe(429);
    expect(await last.text()).toContain('Too many requests');
  });
});
