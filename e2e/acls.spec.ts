import { startBroker, removeDir, type BrokerProcess } from '../test/helpers/broker-process';
import { expect, randomName, test } from './fixtures';

/**
 * The ACLs page against the embedded broker (no authorizer: the page says so) and against a
 * broker started here with the standard authorizer on the port of the configured cluster "acl"
 * (the console connects as User:ANONYMOUS, made a super user).
 */
test.describe('ACLs', () => {
  test('a cluster without an authorizer is named as such, not shown as an empty list', async ({ page }) => {
    await page.goto('/acls');
    await expect(page.getByRole('link', { name: 'ACLs' })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('status')).toContainText('ACLs are not enabled on this cluster');
    await expect(page.getByRole('table', { name: 'ACLs' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Create ACL' })).toBeDisabled();
  });

  test.describe('with the standard authorizer', () => {
    let broker: BrokerProcess | undefined;
    test.beforeAll(async () => {
      broker = await startBroker({
        port: Number(process.env.KAYAK_E2E_ACL_BROKER_PORT),
        config: { 'authorizer.class.name': 'standard', 'super.users': 'User:ANONYMOUS' },
      });
    });
    test.afterAll(async () => {
      await broker?.stop();
      if (broker) removeDir(broker.dataDir);
    });

    test('creates an ACL from the form, filters the list and deletes it', async ({ page }) => {
      const user = `User:${randomName('e2e')}`;
      await page.goto('/acls?cluster=acl');
      const table = page.getByRole('table', { name: 'ACLs' });
      await expect(table).toContainText('No ACLs on this cluster.');

      await page.getByRole('button', { name: 'Create ACL' }).click();
      const dialog = page.getByRole('dialog', { name: 'Create ACL' });
      await dialog.getByLabel('Pattern').selectOption('PREFIXED');
      await dialog.getByLabel('Resource name').fill('payments.');
      await dialog.getByLabel('Principal').fill('alice');
      await dialog.getByLabel('Operation').selectOption('WRITE');
      await dialog.getByRole('button', { name: 'Create ACL' }).click();
      await expect(dialog).toContainText('Principal looks like User:alice');
      await dialog.getByLabel('Principal').fill(user);
      await dialog.getByRole('button', { name: 'Create ACL' }).click();
      await expect(dialog).toHaveCount(0);
      await expect(table).toContainText('payments.');
      await expect(table).toContainText('PREFIXED');
      await expect(table).toContainText(user);

      await page.getByLabel('Filter by principal').fill('someone-else');
      await expect(table).toContainText('No ACL matches the filter.');
      await page.getByLabel('Filter by principal').fill(user);
      await expect(table.getByRole('row')).toHaveCount(2);

      page.once('dialog', (d) => void d.accept());
      await table.getByRole('button', { name: `Delete ACL ALLOW WRITE payments. ${user}` }).click();
      // The only ACL is gone: the list says the cluster has none, filter or not.
      await expect(table).toContainText('No ACLs on this cluster.');
      await page.getByLabel('Filter by principal').fill('');
      await expect(table.getByRole('row')).toHaveCount(2);
      await expect(table).toContainText('No ACLs on this cluster.');
    });
  });
});
