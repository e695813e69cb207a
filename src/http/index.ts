export { buildServer, type ServerDeps } from './server.ts';
export { toZhiliError } from './errors.ts';
export { errorHandler } from './errors.ts';
export { typeboxValidatorCompiler } from './validation.ts';
export { consoleRoutes } from './console.ts';
export { addSecurityHeaders } from './security.ts';
