export { PersonalDataVault, type VaultOptions } from './vault.ts';
export { sealingStore } from './sealing-store.ts';
export { defaultPersonalAttributes, maskPersonal, splitPersonal, mergePersonal, sealedField } from './fields.ts';
