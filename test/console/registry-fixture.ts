/**
 * A small in-memory registry that answers the part of Confluent Schema Registry's REST API the
 * console uses (subjects, versions, ids, config, compatibility, soft and hard delete, Confluent's
 * error codes), with optional basic auth. The console is what these tests check; this stands in
 * for a registry where the bundled one (broker/schema-registry) is not started. Avro compatibility
 * is decided by avsc's resolver (BACKWARD: the new schema must read data written with the latest);
 * other types are accepted.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import avro from 'avsc';

interface Version {
  subject: string;
  version: number;
  id: number;
  schemaType: string;
  schema: string;
  references: { name: string; subject: string; version: number }[];
  deleted: boolean;
}

export interface Registry {
  url: string;
  close: () => Promise<void>;
  /** Authorization headers seen, to check that credentials were sent */
  auth: string[];
}

export async function startRegistryFixture(opts: { user?: string; password?: string; port?: number } = {}): Promise<Registry> {
  const versions: Version[] = [];
  const bySchema = new Map<string, number>();
  const levels = new Map<string, string>();
  const auth: string[] = [];
  let nextId = 1;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/vnd.schemaregistry.v1+json' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, code: number, message: string) => send(res, status, { error_code: code, message });
  const live = (subject: string) => versions.filter((v) => v.subject === subject && !v.deleted);
  const pick = (subject: string, v: string) => {
    const list = live(subject);
    return v === 'latest' || v === '-1' ? list.at(-1) : list.find((x) => x.version === Number(v));
  };
  const compatible = (subject: string, schema: string, type: string): string[] => {
    const latest = live(subject).at(-1);
    const level = levels.get(subject) ?? levels.get('') ?? 'BACKWARD';
    if (!latest || type !== 'AVRO' || level === 'NONE') return [];
    try {
      avro.Type.forSchema(JSON.parse(schema)).createResolver(avro.Type.forSchema(JSON.parse(latest.schema)));
      return [];
    } catch (e) {
      return [`{oldSchemaVersion: ${latest.version}, compatibility: '${level}', description: ${(e as Error).message}}`];
    }
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    auth.push(req.headers.authorization ?? '');
    if (opts.user && req.headers.authorization !== `Basic ${Buffer.from(`${opts.user}:${opts.password}`).toString('base64')}`)
      return fail(res, 401, 401, 'Unauthorized');
    const url = new URL(req.url ?? '/', 'http://x');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    let body: { schema?: string; schemaType?: string; references?: Version['references']; compatibility?: string } = {};
    const text = await new Promise<string>((r) => {
      let t = '';
      req.on('data', (c) => (t += c));
      req.on('end', () => r(t));
    });
    if (text) body = JSON.parse(text);
    const m = req.method;
    const [a, b, c, d, e, f] = parts;
    if (m === 'GET' && a === 'subjects' && !b) return send(res, 200, [...new Set(versions.filter((v) => !v.deleted).map((v) => v.subject))]);
    if (m === 'GET' && a === 'config' && !b) return send(res, 200, { compatibilityLevel: levels.get('') ?? 'BACKWARD' });
    if (m === 'GET' && a === 'config' && b)
      return levels.has(b)
        ? send(res, 200, { compatibilityLevel: levels.get(b) })
        : url.searchParams.get('defaultToGlobal') === 'true'
          ? send(res, 200, { compatibilityLevel: levels.get('') ?? 'BACKWARD' })
          : fail(res, 404, 40408, 'Subject does not have subject-level compatibility configured');
    if (m === 'PUT' && a === 'config') return (levels.set(b ?? '', body.compatibility!), send(res, 200, { compatibility: body.compatibility }));
    if (m === 'GET' && a === 'schemas' && b === 'ids' && c) {
      const v = versions.find((x) => x.id === Number(c));
      if (!v) return fail(res, 404, 40403, 'Schema not found');
      if (d === 'versions')
        return send(
          res,
          200,
          versions.filter((x) => x.id === v.id && !x.deleted).map((x) => ({ subject: x.subject, version: x.version })),
        );
      return send(res, 200, {
        schema: v.schema,
        ...(v.schemaType !== 'AVRO' ? { schemaType: v.schemaType } : {}),
        ...(v.references.length ? { references: v.references } : {}),
      });
    }
    if (a !== 'subjects' && a !== 'compatibility') return fail(res, 404, 404, 'HTTP 404 Not Found');
    if (a === 'compatibility' && m === 'POST' && b === 'subjects' && d === 'versions') {
      if (!live(c!).length) return fail(res, 404, 40401, `Subject '${c}' not found.`);
      const messages = compatible(c!, body.schema!, body.schemaType ?? 'AVRO');
      return send(res, 200, { is_compatible: messages.length === 0, ...(url.searchParams.get('verbose') === 'true' ? { messages } : {}) });
    }
    const subject = b!;
    const any = versions.filter((v) => v.subject === subject);
    if (m === 'POST' && !c) {
      const v = live(subject).find((x) => x.schema === body.schema);
      return v ? send(res, 200, { subject, version: v.version, id: v.id, schema: v.schema }) : fail(res, 404, 40403, 'Schema not found');
    }
    if (m === 'POST' && c === 'versions') {
      const type = body.schemaType ?? 'AVRO';
      try {
        if (type === 'AVRO') avro.Type.forSchema(JSON.parse(body.schema!));
        if (type === 'JSON') JSON.parse(body.schema!);
      } catch (err) {
        return fail(res, 422, 42201, `Invalid schema: ${(err as Error).message}`);
      }
      const same = live(subject).find((x) => x.schema === body.schema);
      if (same) return send(res, 200, { id: same.id });
      if (compatible(subject, body.schema!, type).length)
        return fail(res, 409, 409, 'Schema being registered is incompatible with an earlier schema for subject');
      const key = `${type}:${body.schema}`;
      const id = bySchema.get(key) ?? nextId++;
      bySchema.set(key, id);
      versions.push({
        subject,
        version: (any.at(-1)?.version ?? 0) + 1,
        id,
        schemaType: type,
        schema: body.schema!,
        references: body.references ?? [],
        deleted: false,
      });
      return send(res, 200, { id });
    }
    if (!any.length) return fail(res, 404, 40401, `Subject '${subject}' not found.`);
    if (m === 'GET' && c === 'versions' && !d)
      return live(subject).length
        ? send(
            res,
            200,
            live(subject).map((v) => v.version),
          )
        : fail(res, 404, 40401, `Subject '${subject}' not found.`);
    if (m === 'GET' && c === 'versions' && d) {
      const v = pick(subject, d);
      return v
        ? send(res, 200, {
            subject,
            version: v.version,
            id: v.id,
            ...(v.schemaType !== 'AVRO' ? { schemaType: v.schemaType } : {}),
            schema: v.schema,
            references: v.references,
          })
        : fail(res, 404, 40402, 'Version not found.');
    }
    const permanent = url.searchParams.get('permanent') === 'true';
    if (m === 'DELETE' && !c) {
      if (permanent) {
        if (any.some((v) => !v.deleted)) return fail(res, 404, 40405, `Subject '${subject}' was not deleted first before being permanently deleted`);
        for (const v of any) versions.splice(versions.indexOf(v), 1);
        return send(
          res,
          200,
          any.map((v) => v.version),
        );
      }
      if (!live(subject).length) return fail(res, 404, 40404, `Subject '${subject}' was soft deleted.`);
      const list = live(subject);
      for (const v of list) v.deleted = true;
      return send(
        res,
        200,
        list.map((v) => v.version),
      );
    }
    if (m === 'DELETE' && c === 'versions' && d && !e && !f) {
      const v = any.find((x) => x.version === Number(d));
      if (!v) return fail(res, 404, 40402, 'Version not found.');
      if (permanent) {
        if (!v.deleted) return fail(res, 404, 40407, 'Version was not deleted first before being permanently deleted');
        versions.splice(versions.indexOf(v), 1);
      } else {
        if (v.deleted) return fail(res, 404, 40406, 'Version was soft deleted.');
        v.deleted = true;
      }
      return send(res, 200, v.version);
    }
    return fail(res, 405, 405, 'HTTP 405 Method Not Allowed');
  }

  const server = createServer((req, res) => void handle(req, res).catch((err: Error) => fail(res, 500, 50001, err.message)));
  await new Promise<void>((r, reject) => server.once('error', reject).listen(opts.port ?? 0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, auth, close: () => new Promise((r) => server.close(() => r())) };
}
