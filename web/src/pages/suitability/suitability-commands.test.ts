// The professional-investor status needs two operators; categories and expiry read at a glance.
import { describe, expect, it } from 'vitest';
import { expiryState, levelTone, professionalCommandsFor } from './suitability-commands.ts';

const ana = { id: 'usr_ana', roles: ['analyst'] };
const bob = { id: 'usr_bob', roles: ['analyst'] };
const apr = { id: 'usr_apr', roles: ['approver'] };
const aud = { id: 'usr_aud', roles: ['auditor'] };
const proposed = { state: 'proposed', proposedBy: 'usr_ana' };

describe('professional-investor commands', () => {
  it('lets an analyst propose and an approver (not the proposer) approve', () => {
    expect(professionalCommandsFor(undefined, ana)).toEqual([{ id: 'propose' }]);
    expect(professionalCommandsFor(proposed, apr)).toEqual([{ id: 'approve' }]);
    expect(professionalCommandsFor(undefined, aud)).toEqual([]);
  });

  it('withholds approval from the proposer and from a second analyst without the approver role', () => {
    expect(professionalCommandsFor(proposed, ana)).toEqual([
      { id: 'approve', withheld: 'own_proposal' },
      { id: 'revoke' },
    ]);
    expect(professionalCommandsFor(proposed, bob)).toEqual([
      { id: 'approve', withheld: 'approver_role' },
      { id: 'revoke' },
    ]);
  });

  it('offers revocation of an approved status and a fresh proposal after it', () => {
    expect(professionalCommandsFor({ state: 'approved', proposedBy: 'usr_ana' }, ana)).toEqual([
      { id: 'propose' },
      { id: 'revoke' },
    ]);
    expect(professionalCommandsFor({ state: 'revoked', proposedBy: 'usr_ana' }, ana)).toEqual([{ id: 'propose' }]);
  });
});

describe('levels and expiry', () => {
  it('colours C1/R1 lowest to C5/R5 highest', () => {
    expect(['C1', 'R3', 'C5', 'X'].map(levelTone)).toEqual(['green', 'blue', 'red', 'default']);
  });

  it('marks an assessment expired, expiring within 30 days, or valid', () => {
    const now = Date.parse('2026-11-30T00:00:00Z');
    expect(expiryState('2026-11-20T00:00:00Z', now)).toEqual({ key: 'expired', days: 10, tone: 'red' });
    expect(expiryState('2026-12-20T00:00:00Z', now)).toEqual({ key: 'expiring', days: 20, tone: 'orange' });
    expect(expiryState('2028-11-30T00:00:00Z', now)).toMatchObject({ key: 'valid', tone: 'green' });
  });
});
