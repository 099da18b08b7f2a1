export { type AnyEventConsumer, type BovedaModule, defineModule, type ModulePlatform } from './module.js';
