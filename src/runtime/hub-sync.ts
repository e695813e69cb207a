/**
 * Filings and indicators sent to the supervision hub (when ZHILI_HUB_URL is set): copies of submitted
 * regulatory reports (metadata and SHA-256; a package only when the hub asked), published disclosures
 * (canonical JSON, hash, and the inclusion proof of their ledger entry in the checkpoint the hub last
 * cosigned), complaint statistics of the quarter, incidents, and indicators (case and alert backlog,
 * SLA breaches, open complaints, the loan book's balances and overdue amounts). Every
 * ZHILI_HUB_SYNC_MS and on demand (`POST /v1/hub-sync`); one push at a time, each bounded, failures
 * logged and counted (`zhili_hub_sync_total{result}`), never on the decision path.
 */
import type { FastifyInstance } from 'fastify';
import { requirePermission, type AccessService } from '../access/index.ts';
import type { CasesModule } from '../cases/index.ts';
import type { LoanBookMemory } from '../credit/index.ts';
import { canonicalOf, verifyDisclosure, type DisclosureStore } from '../disclosure/index.ts';
import { openDisclosureStore } from '../disclosure/adapters.ts';
import { Counter, dayNumber, ZhiliError, localDate, type Clock, type Ids, type Registry } from '../kernel/index.ts';
import { encodeBase64, enqueueAudit, type LedgerService } from '../ledger/index.ts';
import type { WitnessClient } from '../ledger/adapters.ts';
import type { ComplaintReports, IncidentService } from '../protection/index.ts';
import { Type } from '@sinclair/typebox';
import { FilingsAnswerSchema, FilingsClient, type FilingsAnswer, type FilingsBody } from '../supervision/index.ts';
import type { Config } from './config.ts';
import { sqliteFile } from './stores.ts';

const ACTOR = 'system:hub-sync';
const ErrorRef = Type.Ref('ErrorBody');
const OPEN_CASES = ['open', 'assigned', 'investigating', 'escalated'] as const;
const CLOSED_COMPLAINTS = new Set(['communicated', 'closed']);
/**
 * Reports and incidents go in pages of this many per request (a cursor through all of them, so none
 * is left out however many there are); disclosures: the newest 24 (the hub keeps what it got before).
 */
const PAGE = 200;
const LIMITS = { reports: 100_000, disclosures: 24 };

export interface HubSyncDeps {
  client: FilingsClient;
  clock: Clock;
  tenants: () => Promise<{ id: string; timeZone: string }[]>;
  cases: Pick<CasesModule, 'reports' | 'caseStore'>;
  complaints: ComplaintReports;
  incidents: IncidentService;
  disclosures: DisclosureStore;
  ledger: LedgerService;
  book: LoanBookMemory;
  witness?: Pick<WitnessClient, 'sync'>;
}

export class HubSync {
  private chain: Promise<unknown> = Promise.resolve();
  private requests: FilingsAnswer['fileRequests'] = [];

  constructor(private readonly d: HubSyncDeps) {}

  /** Settles when no push is under way. */
  idle(): Promise<void> {
    return this.chain.then(() => undefined);
  }

  /** One push now (after any running one). */
  push(): Promise<FilingsAnswer> {
    const run = this.chain.then(
      () => this.once(),
      () => this.once(),
    );
    this.chain = run.catch(() => undefined);
    return run;
  }

  /**
   * One batch per tenant, so a batch stays within the hub's item limits however many tenants there
   * are; the answers are merged (the file requests are the hub's latest list).
   */
  private async once(): Promise<FilingsAnswer> {
    const merged: FilingsAnswer = {
      received: { reports: 0, disclosures: 0, complaintStats: 0, incidents: 0, indicators: 0, files: 0 },
      disclosures: [],
      fileRequests: this.requests,
    };
    for (const t of await this.d.tenants())
      for (const body of await this.pages(t)) {
        const answer = await this.d.client.send(body);
        for (const k of Object.keys(merged.received) as (keyof FilingsAnswer['received'])[])
          merged.received[k] += answer.received[k];
        merged.disclosures.push(...answer.disclosures);
        merged.fileRequests = answer.fileRequests;
        this.requests = answer.fileRequests;
      }
    return merged;
  }

  /**
   * What one tenant sends, as requests: the first with everything and the first page of reports and
   * of incidents, then one per further page (reports and incidents only).
   */
  async pages(t: { id: string; timeZone: string }): Promise<FilingsBody[]> {
    const body = await this.gather(t);
    const incidents = [...body.incidents];
    for (let after = incidents.at(-1)?.id; incidents.length % PAGE === 0 && after !== undefined;) {
      const more = await this.incidentPage(t.id, after);
      incidents.push(...more);
      after = more.length === PAGE ? more.at(-1)?.id : undefined;
    }
    const reports = body.reports;
    const out: FilingsBody[] = [{ ...body, reports: reports.slice(0, PAGE), incidents: incidents.slice(0, PAGE) }];
    for (let i = PAGE; i < Math.max(reports.length, incidents.length); i += PAGE)
      out.push({
        sentAt: body.sentAt,
        reports: reports.slice(i, i + PAGE),
        disclosures: [],
        complaintStats: [],
        incidents: incidents.slice(i, i + PAGE),
        indicators: [],
        files: [],
      });
    return out;
  }

  private async incidentPage(tenantId: string, after: string | undefined): Promise<FilingsBody['incidents']> {
    const list = await this.d.incidents.list(
      { tenantId, actorId: ACTOR, permissions: ['incidents:read'] },
      { limit: PAGE, ...(after === undefined ? {} : { after }) },
    );
    return list.map((i) => ({
      tenantId,
      id: i.id,
      type: i.type,
      title: i.title,
      grade: String(i.grade),
      state: i.state,
      detectedAt: i.detectedAt,
      closedAt: i.closedAt ?? null,
    }));
  }

  /** What one tenant sends. */
  async gather(t: { id: string; timeZone: string }): Promise<FilingsBody> {
    const now = this.d.clock.now();
    const body: FilingsBody = {
      sentAt: now,
      reports: [],
      disclosures: [],
      complaintStats: [],
      incidents: [],
      indicators: [],
      files: [],
    };
    const located: { copy: FilingsBody['disclosures'][number] }[] = [];
    const viewer = { tenantId: t.id, userId: ACTOR, roles: ['admin'], seesStr: true };
    const reports = await this.d.cases.reports.register(viewer, {
      status: ['submitted', 'acknowledged'],
      limit: LIMITS.reports,
    });
    for (const r of reports)
      if (r.submittedAt !== null && (r.status === 'submitted' || r.status === 'acknowledged'))
        body.reports.push({
          tenantId: t.id,
          id: r.id,
          format: r.format,
          messageType: r.messageType,
          str: r.str,
          status: r.status,
          dueBy: r.dueBy,
          submittedAt: r.submittedAt,
          timeZone: t.timeZone,
          fileName: r.fileName,
          packageName: r.packageName,
          sha256: r.sha256,
        });
    // One file per push keeps a batch within the hub's body limit; the rest follow with the next pushes.
    for (const q of this.requests.filter((x) => x.tenantId === t.id).slice(0, 1 - body.files.length)) {
      const r = reports.find((x) => x.id === q.reportId);
      if (!r?.packageName) continue;
      const pkg = await this.d.cases.reports.package(viewer, r.packageName);
      body.files.push({
        tenantId: t.id,
        reportId: r.id,
        fileName: pkg.name,
        sha256: pkg.sha256,
        content: Buffer.from(pkg.bytes).toString('base64'),
      });
    }

    for (const d of (await this.d.disclosures.list(t.id, { publishedOnly: true })).slice(0, LIMITS.disclosures)) {
      const got = await this.d.disclosures.get(t.id, d.id);
      if (!got || d.publishedAt === undefined || d.publishedBy === undefined) continue;
      let index = got.ledgerIndex;
      // Not located yet: the module's own verification finds the entry (by the document's hash).
      if (index === undefined) index = (await verifyDisclosure(this.d.ledger, d, undefined)).ledger?.index;
      located.push({
        copy: {
          tenantId: t.id,
          id: d.id,
          period: d.period,
          version: d.version,
          publishedBy: d.publishedBy,
          publishedAt: d.publishedAt,
          canonical: canonicalOf(d.doc),
          hash: d.hash,
          ledgerIndex: index ?? null,
          proof: null,
        },
      });
    }

    const today = localDate(now, t.timeZone);
    const quarter = `${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
    const actor = { tenantId: t.id, actorId: ACTOR, permissions: ['complaints:read' as const], approver: false };
    const from = `${quarter.slice(0, 4)}-${String((Number(quarter.slice(5)) - 1) * 3 + 1).padStart(2, '0')}-01`;
    const stats = await this.d.complaints.statistics(actor, from, today);
    body.complaintStats.push({
      tenantId: t.id,
      from,
      to: today,
      received: stats.received,
      decided: stats.decided,
      breached: stats.breached,
      breachRate: stats.breachRate,
      resolutionRate: stats.resolutionRate,
      byCategory: stats.byCategory,
    });
    const all = await this.d.complaints.statistics(actor, '2000-01-01', today);
    const complaintsOpen = Object.entries(all.byState).reduce((s, [k, n]) => s + (CLOSED_COMPLAINTS.has(k) ? 0 : n), 0);

    body.incidents = await this.incidentPage(t.id, undefined);

    const open = await this.d.cases.caseStore.listCases(t.id, { status: [...OPEN_CASES], limit: 100_000 });
    const day = dayNumber(today);
    const book = this.d.book.report(t.id, day);
    const owing = new Set(
      this.d.book
        .balances(t.id, day)
        .filter((l) => l.balanceMinor > 0)
        .map((l) => l.customerId),
    );
    body.indicators.push({
      tenantId: t.id,
      asOf: now,
      alertBacklog: open.reduce((s, c) => s + c.alertCount, 0),
      caseBacklog: open.length,
      slaBreaches: open.filter((c) => c.dueAt < now).length,
      complaintsOpen,
      customersToNotify: owing.size,
      loans: book.currencies.map((c) => ({
        currency: c.currency,
        loans: c.loans,
        open: c.open,
        balanceMinor: c.balanceMinor,
        overdueMinor: c.overdueMinor,
        overdueRate:
          c.balanceMinor > 0 ? Math.min(1, Math.round((c.overdueMinor / c.balanceMinor) * 10_000) / 10_000) : null,
      })),
    });
    body.disclosures = await this.proofs(located.map((l) => l.copy));
    return body;
  }

  /** Inclusion proofs in the checkpoint the hub cosigns now (published and pushed first if needed). */
  private async proofs(copies: FilingsBody['disclosures']): Promise<FilingsBody['disclosures']> {
    const indexed = copies.filter((c) => c.ledgerIndex !== null);
    if (indexed.length === 0) return copies;
    const highest = Math.max(...indexed.map((c) => c.ledgerIndex as number));
    let cp = await this.d.ledger.latestCheckpoint();
    if (!cp || cp.size <= highest) cp = await this.d.ledger.publishCheckpoint();
    // The hub verifies against checkpoints it cosigned: push this one first (a refusal leaves them pending).
    await this.d.witness?.sync().catch(() => undefined);
    const size = cp.size;
    const out = [];
    for (const c of copies) {
      if (c.ledgerIndex === null || c.ledgerIndex >= size) {
        out.push(c);
        continue;
      }
      const { proof } = await this.d.ledger.inclusion(c.ledgerIndex, size);
      out.push({ ...c, proof: { treeSize: size, hashes: proof.map(encodeBase64) } });
    }
    return out;
  }
}

/**
 * Wires the sync from the platform's modules (ZHILI_HUB_URL and the platform key set): the timer, the
 * on-demand route, the metric. Returns how to stop it; undefined when the hub is not configured.
 */
export async function startHubSync(o: {
  config: Config;
  clock: Clock;
  ids: Ids;
  metrics: Registry;
  server: FastifyInstance;
  access: AccessService;
  deps: Omit<HubSyncDeps, 'client' | 'disclosures'>;
}): Promise<{ sync: HubSync; stop(): Promise<void> } | undefined> {
  const { hubUrl, hubPlatformId, hubPlatformKey } = o.config;
  if (!hubUrl || !hubPlatformId || !hubPlatformKey) return undefined;
  const client = new FilingsClient({
    hubUrl,
    platformId: hubPlatformId,
    platformKey: hubPlatformKey,
    clock: o.clock,
    nonce: () => o.ids.secret(18),
  });
  // Its own read connection to the database the disclosures are in.
  const disclosures = openDisclosureStore(
    { databaseUrl: o.config.databaseUrl, sqliteFile: sqliteFile(o.config) },
    enqueueAudit,
  );
  await disclosures.migrate();
  const sync = new HubSync({ ...o.deps, client, disclosures });
  const pushes = o.metrics.register(
    new Counter('zhili_hub_sync_total', 'Filings pushes to the supervision hub by result (ok, failed)'),
  );
  const push = async (): Promise<FilingsAnswer> => {
    try {
      const a = await sync.push();
      pushes.inc({ result: 'ok' });
      return a;
    } catch (e) {
      pushes.inc({ result: 'failed' });
      o.server.log.error({ err: e }, 'hub sync failed · 向监管枢纽报送失败');
      throw new ZhiliError('ZHILI_E_HUB_UNAVAILABLE', { cause: e });
    }
  };
  await o.server.register(async (app) => {
    app.post(
      '/v1/hub-sync',
      {
        preHandler: requirePermission(o.access, 'events:write'),
        schema: {
          response: { 200: FilingsAnswerSchema, 401: ErrorRef, 403: ErrorRef, 503: ErrorRef },
          tags: ['supervision'],
          summary: 'Send filings and indicators to the supervision hub now · 立即向监管枢纽报送',
        },
      },
      async () => push(),
    );
  });
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void push()
      .catch(() => undefined)
      .finally(() => {
        running = false;
      });
  }, o.config.hubSyncMs);
  timer.unref();
  return {
    sync,
    async stop() {
      clearInterval(timer);
      await sync.idle(); // a push under way finishes (bounded by its timeout); none is started

      await disclosures.close();
    },
  };
}
