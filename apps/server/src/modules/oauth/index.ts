export { oauthModule } from './oauth.module.js';
export { createOAuthRepository } from './oauth.repository.js';
export { createOAuthService, type OAuthService } from './oauth.service.js';
