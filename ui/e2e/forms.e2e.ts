import { expect, test } from '@playwright/test';

import { Api, login, setField, shot } from './support';

test('alice asks for Kubernetes worker nodes from the form, choosing the cluster from the catalogue', async ({ page }) => {
  await login(page, 'alice', '/requests/new/k8s-nodes');
  await expect(page.getByTestId('request-form')).toBeVisible();
  await setField(page, 'tenant', 'acme', true);
  await setField(page, 'project', 'Web shop', true);
  await setField(page, 'spec_arch', 'x86_64', true);
  // the cluster is a select of the catalogue's clusters; its label names it and the choice reaches the request
  await expect(page.getByLabel(/^Cluster/)).toHaveAttribute('id', 'spec_cluster');
  await setField(page, 'spec_cluster', 'demo');
  await setField(page, 'spec_count', '1');
  await setField(page, 'justification', 'Workers for the build farm');
  await expect(page.getByTestId('request-preview')).toHaveAttribute('data-approval-levels', /\d+/);
  await shot(page, 'request-form-k8s-nodes');

  await page.getByTestId('submit-request').click();
  const requestPage = page.getByTestId('request-page');
  await expect(requestPage).toBeVisible();
  const requestId = (await requestPage.getAttribute('data-request-id')) ?? '';
  const alice = await Api.as(page.request, 'alice');
  const submitted = (await alice.get(`/api/requests/${requestId}`)).body;
  expect(submitted.type).toBe('k8s-nodes');
  expect(submitted.spec.cluster).toBe('demo');
  expect(submitted.spec.count).toBe(1);
});
