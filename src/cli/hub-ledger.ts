/**
 * `zhili hub ledger-verify`: the hub's own audit ledger checked on the hub's database — checkpoint
 * signature, every entry's inclusion, each entry re-derived from its hub_audit row, and every row
 * present in the ledger. From outside, `zhili ledger verify --url <hub> --key <hub ledger key>
 * --token <supervisor session>` checks the same tree over HTTP (without the rows).
 */
import type { Command } from 'commander';
import { parseVerifierKey, type NoteVerifier } from '../ledger/index.ts';
import { verifyHubLedger, type HubConfig } from '../supervision/index.ts';
import { openHubStore } from '../supervision/adapters.ts';

function verifiers(keys: readonly string[]): NoteVerifier[] {
  return keys.map((k) => {
    const p = parseVerifierKey(k.trim());
    if (!p.ok) throw new Error(`bad verifier key ${JSON.stringify(k)}: ${p.reason}`);
    return p.verifier;
  });
}

export function registerHubLedgerCommand(hub: Command, configFrom: (cmd: Command) => HubConfig): void {
  hub
    .command('ledger-verify')
    .description("verify the hub's own audit ledger against its records · 校验监管枢纽自身的审计账本")
    .option(
      '--key <vkey>',
      "trusted verifier key of the hub's ledger (repeatable; default: the keys stored in the ledger, with a warning)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option('--json', 'print the report as JSON')
    .action(async (o: { key: string[]; json?: boolean }, cmd: Command) => {
      const store = openHubStore(configFrom(cmd));
      try {
        let keys = o.key;
        if (keys.length === 0) {
          keys = (await store.ledger.keys()).map((k) => k.verifierKey);
          console.error('warning: no --key given; trusting the keys stored in the ledger itself');
        }
        const report = await verifyHubLedger(store, { verifiers: verifiers(keys), full: true, concurrency: 1 });
        if (o.json) console.log(JSON.stringify(report, null, 2));
        else {
          if (report.checkpoint) console.log(`checkpoint: ${report.checkpoint.origin} size ${report.checkpoint.size}`);
          console.log(`entries checked: ${report.checked}`);
          for (const w of report.warnings) console.log(`warning: ${w}`);
          for (const p of report.problems) console.log(`PROBLEM: ${p}`);
          console.log(
            report.ok
              ? 'OK: the hub ledger verifies · 枢纽账本校验通过'
              : 'FAILED: the hub ledger does not verify · 枢纽账本校验未通过',
          );
        }
        if (!report.ok) process.exitCode = 2;
      } finally {
        await store.close();
      }
    });
}
