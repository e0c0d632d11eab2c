import { connect } from 'node:net';
import avro from 'avsc';
import { startRegistryFixture, type Registry } from '../test/console/registry-fixture';
import { expect, randomName, test } from './fixtures';
import { MessagesPage } from './pages/messages-page';

/**
 * The Schema Registry pages and the schema-aware message browser, against the bundled cluster's
 * registry (KAYAK_SCHEMA_REGISTRY_PORT). When the broker does not serve one there, the test
 * registry from test/console stands in.
 */
const V1 = {
  type: 'record',
  name: 'Order',
  namespace: 'e2e',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'item', type: 'string' },
  ],
};
const V2 = { ...V1, fields: [...V1.fields, { name: 'note', type: ['null', 'string'], default: null }] };
const BAD = { ...V1, fields: [...V1.fields, { name: 'qty', type: 'int' }] };

let fixture: Registry | null = null;
const topic = randomName('orders');
const subject = `${topic}-value`;

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
  });
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  const port = Number(process.env.KAYAK_E2E_REGISTRY_PORT);
  if (!(await listening(port))) fixture = await startRegistryFixture({ port });
});

test.afterAll(async () => {
  await fixture?.close();
});

test.describe('Schema Registry pages', () => {
  test('register a subject from /schemas, with the compatibility check shown before saving', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schemas' }).click();
    await expect(page.getByRole('heading', { name: 'Schema Registry' })).toBeVisible();
    await page.getByRole('button', { name: 'Register schema' }).click();
    const dialog = page.getByRole('dialog', { name: 'Register a schema' });
    await dialog.getByLabel('Subject', { exact: true }).fill(subject);
    await dialog.getByLabel('Schema', { exact: true }).fill(JSON.stringify(V1));
    const register = dialog.getByRole('button', { name: 'Register', exact: true });
    await expect(register).toBeDisabled();
    await dialog.getByRole('button', { name: 'Check compatibility' }).click();
    await expect(dialog.getByRole('status', { name: 'Compatibility result' })).toContainText('New subject');
    await register.click();
    await expect(page).toHaveURL(new RegExp(`/schemas/${subject}`));
    await expect(page.getByText(/Avro · 1 version · latest 1/)).toBeVisible();
    await page.goto('/schemas');
    const row = page.locator(`tr[data-subject="${subject}"]`);
    await expect(row).toContainText('Avro');
    await expect(row).toContainText('BACKWARD');
  });

  test('a new version: an incompatible one cannot be saved; a compatible one is, and the diff shows the change side by side', async ({ page }) => {
    await page.goto(`/schemas/${encodeURIComponent(subject)}`);
    await page.getByRole('button', { name: 'New version' }).click();
    const dialog = page.getByRole('dialog', { name: `New version of ${subject}` });
    const schema = dialog.getByLabel('Schema', { exact: true });
    await expect(schema).toHaveValue(/"item"/);
    await schema.fill(JSON.stringify(BAD));
    await dialog.getByRole('button', { name: 'Check compatibility' }).click();
    await expect(dialog.getByRole('status', { name: 'Compatibility result' })).toContainText('Not compatible');
    await expect(dialog.getByRole('button', { name: 'Register', exact: true })).toBeDisabled();
    await schema.fill(JSON.stringify(V2, null, 2));
    // an edit after the check needs a new check
    await expect(dialog.getByRole('status', { name: 'Compatibility result' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'Check compatibility' }).click();
    await expect(dialog.getByRole('status', { name: 'Compatibility result' })).toContainText('Compatible with the latest version');
    await dialog.getByRole('button', { name: 'Register', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByLabel('Right version')).toHaveValue('2');
    await expect(page.getByLabel('Left version')).toHaveValue('1');
    const diff = page.getByRole('table', { name: 'Schema diff' });
    await expect(diff.locator('tr:not([data-kind=same])').filter({ hasText: '"note"' })).toHaveCount(1);
    await expect(diff.locator('tr[data-kind=same]').filter({ hasText: '"item"' }).first()).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/schema-diff.png', fullPage: true });
  });

  test('the message browser shows the subject and version of Avro records; the produce form is built from the schema and validated', async ({
    page,
    kafka,
  }) => {
    const id = (await (await page.request.get(`/api/schemas/${encodeURIComponent(subject)}/versions/2`)).json()).id as number;
    const admin = kafka.admin();
    const producer = kafka.producer();
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const head = Buffer.alloc(5);
    head.writeInt32BE(id, 1);
    await producer.send({
      topic,
      messages: [{ key: 'o1', value: Buffer.concat([head, avro.Type.forSchema(V2 as avro.Schema).toBuffer({ id: 7, item: 'lamp', note: null })]) }],
    });
    await Promise.all([admin.disconnect(), producer.disconnect()]);

    const mp = new MessagesPage(page);
    await mp.goto(topic, 'partition=0&offset=0&count=5');
    await expect(mp.messages).toHaveCount(1);
    // The compact table names the schema in the record's open view.
    await mp.expand(0);
    await expect(mp.message(0).getByTestId('value-schema')).toHaveText(`value: avro · ${subject} v2`);
    await expect(mp.message(0)).toContainText('lamp');

    await page.getByRole('button', { name: 'Produce message' }).click();
    const dialog = page.getByRole('dialog', { name: `Produce to ${topic}` });
    await dialog.getByLabel('Value schema').selectOption(subject);
    const fields = dialog.getByRole('group', { name: 'Schema fields' });
    await expect(fields).toContainText('long');
    await fields.getByLabel('Field item').fill('desk');
    await fields.getByLabel('Field id').fill('not a number');
    await dialog.getByRole('button', { name: 'Produce', exact: true }).click();
    await expect(dialog.getByRole('alert')).toContainText('id must be a whole number');
    await fields.getByLabel('Field id').fill('9007199254740993');
    await dialog.getByRole('button', { name: 'Produce', exact: true }).click();
    await expect(dialog.getByRole('status')).toContainText('Written to partition 0 at offset 1');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await mp.goto(topic, 'partition=0&offset=0&count=5');
    await expect(mp.message(1)).toContainText('9007199254740993');
    await mp.expand(1);
    await expect(mp.message(1).getByTestId('value-schema')).toHaveText(`value: avro · ${subject} v2`);
  });

  test('deleting a subject needs its name typed; it then leaves the list', async ({ page }) => {
    await page.goto(`/schemas/${encodeURIComponent(subject)}`);
    await page.getByRole('button', { name: 'Delete subject' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete subject ${subject}` });
    const confirm = dialog.getByRole('button', { name: 'Delete', exact: true });
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Subject name').fill(subject);
    await confirm.click();
    await expect(page).toHaveURL(/\/schemas$/);
    await expect(page.locator(`tr[data-subject="${subject}"]`)).toHaveCount(0);
  });
});
