// Seeding vault rows from other modules' tests (another module reaches cfdi's test helpers only here).
export { type SeedDocument, seedDocuments } from '../cfdi.search.test-support.js';
