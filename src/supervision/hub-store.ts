/**
 * The hub store's port for the hub's sub-folders (filings/): `../store/…` reads as the store module to
 * the module-boundary lint, though this is the supervision module's own store.
 */
export type * from './store/port.ts';
