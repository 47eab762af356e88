import type { Bundle } from '@updraft/api-types';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, ApiResponse } from './api-client';
import { packBundleFiles } from './worker-fixtures';

export const E2E_PASSWORD = 'e2e-correct-horse-battery';

/** Signs up `tenant` with its owner `email` and returns a client acting as that owner. */
export async function signupOwner(baseUrl: string, email: string, tenant: string): Promise<ApiClient> {
  const anonymous = new ApiClient(baseUrl);
  const signup = await anonymous.post<{ accessToken: string }>('/auth/signup', {
    json: { email, password: E2E_PASSWORD, tenantSlug: tenant },
  });
  if (signup.status !== 201)
    throw new Error(`sign-up of ${tenant} answered ${signup.status}: ${JSON.stringify(signup.body)}`);
  return anonymous.withToken(signup.body.accessToken);
}

/**
 * Uploads a bundle named `name` whose entries are `dags` (path → TypeScript source) and waits until
 * it is parsed (unless `wait` is false); returns the API's answer for the caller to check.
 */
export async function deployBundle(
  client: ApiClient,
  tenant: string,
  name: string,
  dags: Record<string, string>,
  { wait = true } = {},
): Promise<ApiResponse<Bundle>> {
  const scratch = await mkdtemp(join(tmpdir(), `updraft-${name}-`));
  try {
    const archive = await packBundleFiles(scratch, {
      'updraft.json': JSON.stringify({ name, entries: Object.keys(dags) }),
      ...dags,
    });
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(archive)]), `${name}.tar.gz`);
    return await client.post<Bundle>(`/tenants/${tenant}/bundles`, { form, query: { wait } });
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
