export { createGuard } from './auth.guard.js';
export { authModule } from './auth.module.js';
export { createAuthRepository } from './auth.repository.js';
export { registerAuthRoutes } from './auth.routes.js';
export { type AuthService, createAuthService } from './auth.service.js';
export { createRequestSignatureVerifier, signRequest } from './request-signature.js';
