import type { Command } from 'commander';

/** The operator a CLI command acts as (ZHILI_TOKEN, or --tenant/--as with a password). */
export interface CliOperator {
  id: string;
  tenantId: string;
  roles: readonly string[];
}

/** The options every operator command takes. */
export interface CliWho {
  tenant?: string;
  as?: string;
  json?: boolean;
}

/** What the composition root opens for a module's CLI command: its services, who acts, and a close. */
export type CliSession<M> = M & {
  operator(tenant: string | undefined, as: string | undefined): Promise<CliOperator>;
  close(): Promise<void>;
};

/** Opens the session, resolves the operator, runs `fn` as them and closes, whatever happens. */
export async function asCliOperator<M, T>(
  open: (cmd: Command) => Promise<CliSession<M>>,
  cmd: Command,
  who: CliWho,
  fn: (session: M, op: CliOperator) => Promise<T>,
): Promise<T> {
  const session = await open(cmd);
  try {
    return await fn(session, await session.operator(who.tenant, who.as));
  } finally {
    await session.close();
  }
}
