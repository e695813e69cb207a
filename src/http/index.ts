export { buildServer, type ServerDeps } from './server.ts';
export { toZhiliError } from './errors.ts';
