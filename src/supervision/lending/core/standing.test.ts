import { describe, expect, it } from 'vitest';
import { platformStatuses } from '../../core/status.ts';
import { lendingAllowed } from './standing.ts';

describe('lending standing: what a platform may ask of the registry by its licence status', () => {
  it('lets only licensed and restricted platforms check applicants; all but exited report their loans', () => {
    const table = Object.fromEntries(
      platformStatuses.map((s) => [s, [lendingAllowed(s, 'query'), lendingAllowed(s, 'register')]]),
    );
    expect(table).toEqual({
      applying: [false, true],
      licensed: [true, true],
      restricted: [true, true],
      suspended: [false, true],
      winding_down: [false, true],
      exited: [false, false],
    });
    expect([lendingAllowed(undefined, 'query'), lendingAllowed(undefined, 'register')], 'unknown: fail closed').toEqual(
      [false, false],
    );
  });
});
