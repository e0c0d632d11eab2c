/**
 * Topic metadata, one JSON file per topic under `<data-dir>/.topics/`. Each write is atomic
 * (temp file + fsync + rename + dir fsync), and the file is the commit point for topic
 * creation, deletion and partition growth: partition directories without a matching metadata
 * entry are leftovers of an interrupted operation and are removed at the next open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fsyncDir, writeFileAtomic } from './fs-util.ts';

export interface TopicMeta {
  name: string;
  /** 16-byte Kafka topic id. */
  topicId: Buffer;
  partitions: number;
  /** Topic-level config overrides only (not the effective values). */
  configs: Map<string, string>;
  createdMs: bigint;
}

interface TopicJson {
  version: 1;
  name: string;
  topicId: string;
  partitions: number;
  configs: Record<string, string>;
  createdMs: string;
}

export class TopicStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, '.topics');
    fs.mkdirSync(this.dir, { recursive: true });
  }

  private file(name: string): string {
    return path.join(this.dir, `${name}.json`);
  }

  loadAll(): TopicMeta[] {
    const out: TopicMeta[] = [];
    for (const f of fs.readdirSync(this.dir)) {
      if (f.endsWith('.tmp')) {
        fs.rmSync(path.join(this.dir, f), { force: true });
        continue;
      }
      if (!f.endsWith('.json')) continue;
      const j = JSON.parse(fs.readFileSync(path.join(this.dir, f), 'utf8')) as TopicJson;
      out.push({
        name: j.name,
        topicId: Buffer.from(j.topicId, 'base64url'),
        partitions: j.partitions,
        configs: new Map(Object.entries(j.configs)),
        createdMs: BigInt(j.createdMs),
      });
    }
    return out;
  }

  save(t: TopicMeta): void {
    const j: TopicJson = {
      version: 1,
      name: t.name,
      topicId: t.topicId.toString('base64url'),
      partitions: t.partitions,
      configs: Object.fromEntries(t.configs),
      createdMs: t.createdMs.toString(),
    };
    writeFileAtomic(this.file(t.name), JSON.stringify(j, null, 2) + '\n');
  }

  remove(name: string): void {
    fs.rmSync(this.file(name), { force: true });
    fsyncDir(this.dir);
  }
}
