/**
 * Parent/child plumbing for the benchmarks: children run with tsx, print nothing on stdout (it goes to
 * the parent's stderr), announce themselves with one `ready` message and answer named calls.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

interface Reply {
  kind: 'ready' | 'reply' | 'fail';
  id?: number;
  value?: unknown;
  error?: string;
}

export interface Child<Info> {
  readonly info: Info;
  readonly pid: number;
  call<T>(name: string, arg?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Starts `bench/<script>` in a child process and waits for its `ready` message. */
export async function startChild<Info>(
  script: string,
  args: string[] = [],
  execArgv: string[] = [],
): Promise<Child<Info>> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  const proc: ChildProcess = fork(path, args, {
    execArgv: ['--import', 'tsx', ...execArgv],
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const info = await new Promise<Info>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${script} exited (${code}) before it was ready`)));
    proc.on('message', (m: Reply) => {
      if (m.kind === 'ready') resolve(m.value as Info);
      const p = m.id === undefined ? undefined : pending.get(m.id);
      if (!p || m.id === undefined) return;
      pending.delete(m.id);
      if (m.kind === 'fail') p.reject(new Error(m.error));
      else p.resolve(m.value);
    });
  });
  void exited.then(() => {
    for (const p of pending.values()) p.reject(new Error(`${script} exited`));
  });
  return {
    info,
    pid: proc.pid ?? -1,
    call<T>(name: string, arg?: unknown): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: (v) => resolve(v as T), reject });
        proc.send({ id, name, arg });
      });
    },
    async stop() {
      if (proc.exitCode === null && proc.connected) proc.send({ name: 'stop' });
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export type Handlers = Record<string, (arg: unknown) => unknown>;

/** Child side: answers calls with `handlers`; `stop` runs `onStop` and exits. */
export function serveParent(info: unknown, handlers: Handlers, onStop: () => Promise<void>): void {
  const send = (m: Reply): void => {
    process.send?.(m);
  };
  process.on('message', (m: { id?: number; name: string; arg?: unknown }) => {
    if (m.name === 'stop') {
      void onStop().finally(() => process.exit(0));
      return;
    }
    const h = handlers[m.name];
    Promise.resolve()
      .then(() => {
        if (!h) throw new Error(`no handler ${m.name}`);
        return h(m.arg);
      })
      .then(
        (value) => send({ kind: 'reply', ...(m.id === undefined ? {} : { id: m.id }), value }),
        (e: unknown) => send({ kind: 'fail', ...(m.id === undefined ? {} : { id: m.id }), error: String(e) }),
      );
  });
  // The parent went away: do not linger.
  process.on('disconnect', () => void onStop().finally(() => process.exit(0)));
  send({ kind: 'ready', value: info });
}

/** CPU time this process used, ms. */
export function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
