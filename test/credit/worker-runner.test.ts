import { describe, expect, it } from 'vitest';
import { workerTrainRunner } from '../../src/credit/adapters.ts';
import { CreditTrainingJobs, inProcessRunner, settingsFrom, type TrainingRequest } from '../../src/credit/index.ts';
import { fixedClock } from '../../src/kernel/index.ts';

function request(n: number): TrainingRequest {
  let s = 11;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.floor(rand() * 100);
    const b = ['x', 'y', 'z'][Math.floor(rand() * 3)]!;
    const z = -1 + a / 40 + (b === 'z' ? 0.6 : 0);
    rows.push([String(a), b, rand() < 1 / (1 + Math.exp(-z)) ? 'bad' : 'good']);
  }
  return {
    table: { header: ['a', 'b', 'outcome'], rows },
    target: 'outcome',
    bad: 'bad',
    settings: settingsFrom({ seed: 5 }),
    dataHash: 'b'.repeat(64),
  };
}

describe('training in a worker thread', () => {
  it('gives the same scorecard as in process, with progress on the way', async () => {
    const req = request(3000);
    const steps = new Set<string>();
    const viaWorker = await workerTrainRunner()(req, Date.UTC(2026, 10, 30), (step) => steps.add(step));
    const inProcess = await inProcessRunner(req, Date.UTC(2026, 10, 30), () => {});
    expect(viaWorker.scorecard).toEqual(inProcess.scorecard);
    expect([...steps]).toEqual(expect.arrayContaining(['binning', 'fitting', 'scoring']));
  });

  it('a failed training job carries the catalogue error from the thread', async () => {
    const jobs = new CreditTrainingJobs({
      clock: fixedClock(0),
      ids: { next: (p) => `${p}_1`, secret: () => 's' },
      runner: workerTrainRunner(),
    });
    const job = await jobs.submit('ten_1', 'usr_1', { ...request(50), bad: 'nobody' });
    await jobs.idle();
    expect(jobs.get('ten_1', job.id)).toMatchObject({ status: 'failed', error: { code: 'ZHILI_E_VALIDATION' } });
    expect(jobs.get('ten_1', job.id)?.error?.messageZh).toContain('需要好坏两类样本');
    expect(jobs.get('ten_2', job.id)).toBeUndefined();
  });
});
