/**
 * Supervisor accounts at the hub: a small operator model of its own (the platform's access module is
 * built on the platform's tenants and main store, which the hub does not have). Passwords are scrypt
 * hashes (the access module's), sessions are random tokens stored as SHA-256.
 */
import { hashPassword, verifyPassword } from '../access/index.ts';
import { sha256Hex, ZhiliError, type Clock, type Ids } from '../kernel/index.ts';
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
  constructor(private readonly d: { store: HubStore; clock: Clock; ids: Ids }) {}

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

  async login(
    username: string,
    password: string,
  ): Promise<{ token: string; supervisor: Supervisor; expiresAt: number }> {
    const s = await this.d.store.supervisorByName(username);
    const good = await verifyPassword(password, s?.passwordHash ?? DECOY);
    if (!s || !good || s.disabled) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
    const token = `zh_${this.d.ids.secret(32)}`;
    const expiresAt = this.d.clock.now() + SESSION_MS;
    await this.d.store.putSession({ tokenHash: sha256Hex(token), supervisorId: s.id, expiresAt });
    return { token, supervisor: view(s), expiresAt };
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
