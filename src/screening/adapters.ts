/** The screening module's adapters, for the composition root (`src/runtime/`) and adapter tests only. */
export { sqlListStore, type ListStore, type StoredListVersion, type TenantScreeningSetting } from './lists/store.ts';
export { buildListsInThread } from './list-build-thread.ts';
