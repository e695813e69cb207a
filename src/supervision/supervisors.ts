/**
 * Supervisor accounts at the hub: a small operator model of its own (the platform's access module is
 * built on the platform's tenants and main store, which the hub does not have). Passwords are scrypt
 * hashes (the access module's), sessions are random tokens stored as SHA-256.
 */
import { hashPassword, verifyPassword } from '../access/index.ts';
import { sha256Hex, ZhiliError, type Clock, type Ids } from '../kernel/index.ts';
import { defaultThrottle, lockFor, lockedFor, type ThrottlePolicy } from './core/login-throttle.ts';
import type { HubStore, SupervisorRecord } from './store/port.ts';

const SESSION_MS = 12 * 3_600_000;
/** Checked when the username is unknown, so the answer time does not tell which names exist. */
const DECOY = 'scrypt$16384$8$1$hub-decoy-salt-0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export interface Supervisor {
  id: string;
  username: string;
  admin: boolean;
}

const view = (s: SupervisorRecord): Supervisor => ({ id: s.id, username: s.username, admin: s.admin });

export class Supervisors {
  private readonly throttle: ThrottlePolicy;

  constructor(private readonly d: { store: HubStore; clock: Clock; ids: Ids; throttle?: ThrottlePolicy }) {
    this.throttle = d.throttle ?? defaultThrottle;
  }

  /** `by` is the admin creating the account, or `cli` for the local bootstrap. */
  async create(input: { username: string; password: string; admin: boolean }, by: string): Promise<Supervisor> {
    if (input.password.length < 10)
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/password',
        message: 'The password needs at least 10 characters.',
        messageZh: '密码至少需要 10 个字符。',
      });
    if (await this.d.store.supervisorByName(input.username))
      throw new ZhiliError('ZHILI_E_CONFLICT', { pointer: '/username' });
    const id = this.d.ids.next('sup');
    const now = this.d.clock.now();
    const rec: SupervisorRecord = {
      id,
      username: input.username,
      passwordHash: await hashPassword(input.password, this.d.ids.secret(12)),
      admin: input.admin,
      createdAt: now,
      disabled: false,
    };
    await this.d.store.addSupervisor(rec, {
      actorId: by,
      action: 'supervisor.create',
      subjectId: id,
      detail: JSON.stringify({ username: input.username, admin: input.admin }),
      at: now,
    });
    return view(rec);
  }

  /**
   * Signs in, throttled per account and per client address: while either is locked nothing is checked
   * (a right password is refused too, so a locked account cannot be probed); each failure counts on both
   * and is audited, as is each lock.
   */
  async login(
    username: string,
    password: string,
    address = 'unknown',
  ): Promise<{ token: string; supervisor: Supervisor; expiresAt: number }> {
    const now = this.d.clock.now();
    const keys = { account: `account:${username.toLowerCase()}`, address: `address:${address}` };
    const wait = Math.max(
      lockedFor(await this.d.store.loginState(keys.account), now),
      lockedFor(await this.d.store.loginState(keys.address), now),
    );
    if (wait > 0) throw locked(wait);
    const s = await this.d.store.supervisorByName(username);
    const good = await verifyPassword(password, s?.passwordHash ?? DECOY);
    if (!s || !good || s.disabled) {
      await this.failed(username, address, keys);
      throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
    }
    await this.d.store.clearLogin(keys.account);
    const token = `zh_${this.d.ids.secret(32)}`;
    const expiresAt = this.d.clock.now() + SESSION_MS;
    await this.d.store.putSession({ tokenHash: sha256Hex(token), supervisorId: s.id, expiresAt });
    await this.d.store.audit({
      actorId: s.id,
      action: 'auth.login',
      subjectId: s.id,
      detail: JSON.stringify({ address }),
      at: now,
    });
    return { token, supervisor: view(s), expiresAt };
  }

  private async failed(username: string, address: string, keys: { account: string; address: string }): Promise<void> {
    const now = this.d.clock.now();
    const t = this.throttle;
    const forget = now - t.forgetAfterMs;
    const account = await this.d.store.loginFailure(keys.account, now, forget, (n) => lockFor(n, t.accountLimit, t));
    const addr = await this.d.store.loginFailure(keys.address, now, forget, (n) => lockFor(n, t.addressLimit, t));
    const audit = (action: string, detail: Record<string, unknown>) =>
      this.d.store.audit({
        actorId: 'anonymous',
        action,
        subjectId: username.slice(0, 128),
        detail: JSON.stringify(detail),
        at: now,
      });
    await audit('auth.login_failed', { address, accountFailures: account.failures, addressFailures: addr.failures });
    if (account.lockedUntil > now && account.failures >= t.accountLimit)
      await audit('auth.account_locked', { address, failures: account.failures, until: account.lockedUntil });
    if (addr.lockedUntil > now && addr.failures >= t.addressLimit)
      await audit('auth.address_locked', { address, failures: addr.failures, until: addr.lockedUntil });
  }

  async authenticate(token: string | undefined): Promise<Supervisor> {
    if (!token?.startsWith('zh_')) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
    const session = await this.d.store.session(sha256Hex(token));
    if (!session || session.expiresAt <= this.d.clock.now()) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
    const s = await this.d.store.supervisor(session.supervisorId);
    if (!s || s.disabled) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
    return view(s);
  }

  logout = (token: string): Promise<void> => this.d.store.dropSession(sha256Hex(token));
}

function locked(waitMs: number): ZhiliError {
  const seconds = Math.ceil(waitMs / 1000);
  return new ZhiliError('ZHILI_E_LOGIN_LOCKED', {
    message: `Too many failed sign-ins: try again in ${seconds} s.`,
    messageZh: `登录失败次数过多，请在 ${seconds} 秒后重试。`,
    retryAfterSeconds: seconds,
  });
}
