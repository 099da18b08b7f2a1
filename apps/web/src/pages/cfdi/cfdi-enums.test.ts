import { describe, expect, it } from 'vitest';
import { cfdiFilterQuery } from '../../../../server/src/modules/cfdi/cfdi.routes.schemas.js';
import { cfdiStatuses, cfdiTipos } from './cfdi-enums.js';

describe('the CFDI values the web labels', () => {
  it('are exactly the ones the server filters by', () => {
    expect(cfdiFilterQuery.shape.tipo.unwrap().options).toEqual([...cfdiTipos]);
    expect(cfdiFilterQuery.shape.status.unwrap().options).toEqual([...cfdiStatuses]);
  });
});
