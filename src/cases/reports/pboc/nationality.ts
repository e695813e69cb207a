/** The party record's nationality (attribute `<role>Nationality`) first, the event's country as fallback. */
export const nationality = (fromRecord: unknown, fromEvent: unknown): string | undefined =>
  typeof fromRecord === 'string' && fromRecord !== ''
    ? fromRecord
    : typeof fromEvent === 'string' && fromEvent !== ''
      ? fromEvent
      : undefined;
