export { homeModule } from './home.module.js';
export { createHomeService, type HomeDeps, type HomeService, mexicoCityMonth } from './home.service.js';
