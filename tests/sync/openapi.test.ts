/** docs/sync-openapi.yaml is valid YAML, OpenAPI 3.1, and names every problem type the server sends. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
// @ts-expect-error js-yaml (in the lock file through the lint tooling) ships no types; load() is all this test uses
import yaml from 'js-yaml';
import { PROBLEM } from '../../src/server/problem.ts';
import { BUNDLE_FORMAT } from '../../src/shared/domain/sync-bundle.ts';
import { ROSTER_DELETION_FORMAT } from '../../src/shared/domain/roster-deletion.ts';

describe('docs/sync-openapi.yaml', () => {
  const doc = yaml.load(readFileSync('docs/sync-openapi.yaml', 'utf8')) as {
    openapi: string;
    paths: Record<string, unknown>;
    components: {
      schemas: {
        Problem: { properties: { type: { enum: string[] } } };
        SessionBundle: { properties: { format: { const: string } } };
        RosterDeletion: { properties: { format: { const: string } } };
      };
    };
  };
  it('is OpenAPI 3.1 with the routes the server answers', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(['/v1/roster', '/v1/roster-deletions', '/v1/session-bundles', '/v1/session-bundles/{bundleId}', '/v1/sessions', '/v1/sessions/{sessionId}', '/v1/sessions/{sessionId}/report']);
  });
  it('lists exactly the server’s problem types and the bundle and deletion formats', () => {
    expect([...doc.components.schemas.Problem.properties.type.enum].sort()).toEqual(Object.values(PROBLEM).sort());
    expect(doc.components.schemas.SessionBundle.properties.format.const).toBe(BUNDLE_FORMAT);
    expect(doc.components.schemas.RosterDeletion.properties.format.const).toBe(ROSTER_DELETION_FORMAT);
  });
});
