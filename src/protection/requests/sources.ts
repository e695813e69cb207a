/**
 * Where the platform holds a data subject's information, as the requests service needs it: read in the
 * clear for an access/copy export, and erased by the platform's one crypto-shredding path. The
 * composition root implements this over the parties register, the event store and complaints.
 */
export interface SubjectErasure {
  /** Data keys of the subject's fields in stored events. */
  eventKeys: number;
  /** Reports naming the subject that can no longer be read. */
  reports: number;
  /** A party record was erased (its key destroyed). */
  party: boolean;
  /** Complaints whose personal data was shredded. */
  complaints: number;
}

export interface SubjectSources {
  /** The subject's party record, revealed (the read is audited by the parties module); undefined: none. */
  party(tenantId: string, actorId: string, subject: string): Promise<unknown>;
  /** The tenant's stored events that name the subject as a party, opened through the event store's vault. */
  events(tenantId: string, subject: string): Promise<{ id: string; event: unknown; decision: unknown }[]>;
  /** The subject's complaints with their personal data revealed (each reveal audited). */
  complaints(tenantId: string, actorId: string, subject: string): Promise<unknown[]>;
  /** Crypto-shreds everything personal held about the subject: party record, events, reports, complaints. */
  erase(tenantId: string, actorId: string, subject: string): Promise<SubjectErasure>;
}
