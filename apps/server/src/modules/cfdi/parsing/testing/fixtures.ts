import { readFileSync } from 'node:fs';

const root = new URL('../../../../../../../test-fixtures/', import.meta.url);

/** Absolute path of a file under the repository's test-fixtures/ folder. */
export const fixturePath = (relative: string): string => new URL(relative, root).pathname;

export const readFixture = (relative: string): Buffer => readFileSync(fixturePath(relative));
