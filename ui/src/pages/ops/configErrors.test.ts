import { describe, expect, it } from 'vitest';

import { configErrors, errorsByFile, location, sortConfigErrors, tenantChanges } from './configErrors';

describe('tenants-config errors', () => {
  const problem = {
    title: 'Invalid tenants-config',
    status: 422,
    errors: [
      { file: 'tenants/tenant-10.yaml', line: 3, field: 'projects[0].quota', message: 'must be positive' },
      { file: 'tenants/tenant-2.yaml', line: 12, field: 'orgUnits', message: 'duplicate id' },
      { file: 'tenants/tenant-2.yaml', line: 4, field: 'name', message: 'required' },
      { file: 'tenants/tenant-2.yaml', line: 0, field: '', message: 'not YAML' },
      { file: 'tenants/acme.yaml', line: '7', path: 'approval.levels', message: 'unknown level' },
    ],
  };

  it('reads errors[] of the problem, tolerating path and a line as text', () => {
    const errors = configErrors(problem);
    expect(errors).toHaveLength(5);
    expect(errors[4]).toEqual({ file: 'tenants/acme.yaml', line: 7, field: 'approval.levels', message: 'unknown level' });
    expect(configErrors({ title: 'x' })).toEqual([]);
    expect(configErrors(undefined)).toEqual([]);
  });

  it('sorts by file in natural order, then line', () => {
    const sorted = sortConfigErrors(configErrors(problem)).map(location);
    expect(sorted).toEqual([
      'tenants/acme.yaml:7', 'tenants/tenant-2.yaml', 'tenants/tenant-2.yaml:4', 'tenants/tenant-2.yaml:12',
      'tenants/tenant-10.yaml:3',
    ]);
  });

  it('groups by file', () => {
    const groups = errorsByFile(configErrors(problem));
    expect(groups.map(g => [g.file, g.errors.length])).toEqual([
      ['tenants/acme.yaml', 1], ['tenants/tenant-2.yaml', 3], ['tenants/tenant-10.yaml', 1],
    ]);
  });

  it('tells which tenants a reload added and removed', () => {
    expect(tenantChanges(['acme', 'globex'], ['acme', 'initech'])).toEqual({ added: ['initech'], removed: ['globex'], kept: ['acme'] });
    expect(tenantChanges(undefined, ['b', 'a'])).toEqual({ added: [], removed: [], kept: ['a', 'b'] });
  });
});
