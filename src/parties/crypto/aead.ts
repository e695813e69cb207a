/** The parties module seals with the kernel's AES-256-GCM envelope, the same one event data uses. */
export { seal, open, newKey, subKey, hmacHex } from '../../kernel/index.ts';
