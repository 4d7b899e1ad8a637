import { describe, expect, it } from 'vitest';

import { fieldErrors, namePath, ProblemError, unwrap } from './problems';

describe('problem bodies', () => {
  it('turns field paths into form name paths', () => {
    expect(namePath('spec.vcpus')).toEqual(['spec', 'vcpus']);
    expect(namePath('spec.sshKeys[1]')).toEqual(['spec', 'sshKeys', 1]);
    expect(namePath('justification')).toEqual(['justification']);
  });

  it('puts each error on the field it names, the single field too', () => {
    expect(fieldErrors({ field: 'spec.arch', detail: 'must be x86_64 or aarch64' })).toEqual([
      { name: ['spec', 'arch'], errors: ['must be x86_64 or aarch64'] },
    ]);
    expect(fieldErrors({
      errors: [
        { field: 'spec.vcpus', message: 'at most 64' },
        { field: 'spec.vcpus', message: 'over quota' },
        { field: 'projectId', message: 'unknown project' },
      ],
    })).toEqual([
      { name: ['spec', 'vcpus'], errors: ['at most 64', 'over quota'] },
      { name: ['projectId'], errors: ['unknown project'] },
    ]);
  });

  it('unwraps data and throws the problem of a failed answer', () => {
    expect(unwrap({ data: { a: 1 }, response: new Response(null, { status: 200 }) })).toEqual({ a: 1 });
    const failed = () => unwrap({ error: { title: 'Not found', status: 404 }, response: new Response(null, { status: 404 }) });
    expect(failed).toThrow(ProblemError);
    try {
      failed();
    } catch (e) {
      expect((e as ProblemError).status).toBe(404);
      expect((e as ProblemError).problem.title).toBe('Not found');
    }
  });
});
