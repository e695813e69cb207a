// A data-subject request's steps as registered actions. Deletion is irreversible: it is carried out by
// an operator holding privacy:erase who did not verify the requester's identity (four eyes), and an
// access or copy request is answered only after its export (src/protection/requests/service.ts).
import { can, type Capability } from '../../lib/roles.ts';
import type { RequestView } from './types.ts';

export interface Me {
  id: string;
  roles: readonly string[];
}

export type RequestCommandId = 'verify' | 'export' | 'fulfil' | 'refuse';
export type RequestWithheld = 'verifier' | 'export_first';

export interface RequestCommand {
  id: RequestCommandId;
  asks: 'verification' | 'nothing' | 'note' | 'reason';
  primary?: boolean;
  needs(r: RequestView): Capability;
  withheld?(r: RequestView, me: Me): RequestWithheld | undefined;
}

export const requestCommands: readonly RequestCommand[] = [
  { id: 'verify', asks: 'verification', primary: true, needs: () => 'privacy:write' },
  { id: 'export', asks: 'nothing', needs: () => 'privacy:export' },
  {
    id: 'fulfil',
    asks: 'note',
    primary: true,
    needs: (r) => (r.kind === 'deletion' ? 'privacy:erase' : 'privacy:write'),
    withheld: (r, me) => {
      if (r.kind === 'deletion' && r.verification?.checkedBy === me.id) return 'verifier';
      if ((r.kind === 'access' || r.kind === 'copy') && !r.export) return 'export_first';
      return undefined;
    },
  },
  { id: 'refuse', asks: 'reason', needs: () => 'privacy:write' },
];

export function requestCommandsFor(r: RequestView, me: Me) {
  return requestCommands
    .filter((c) => r.next.includes(c.id) && can(me.roles, c.needs(r)))
    .map((command) => ({ command, withheld: command.withheld?.(r, me) }));
}
