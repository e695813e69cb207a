/**
 * The access module's adapters, for the composition root (`src/runtime/`) only: the account tables
 * on a SQL connection of the main store's database (they read and update its users, api_keys and
 * sessions tables, so the main store must be migrated first).
 */
export { AccountStore } from './storage/accounts.ts';
