/**
 * DescribeLogDirs (key 35), v0-4. The data dir is this broker's one log dir. Partition sizes are
 * the bytes of their segments on disk; offsetLag is always 0 and isFutureKey false (no
 * replica movement between dirs). v4 adds the file system's total and usable bytes. As Kafka,
 * unknown partitions are left out rather than answered with an error, and without DESCRIBE on
 * the cluster the response carries CLUSTER_AUTHORIZATION_FAILED and no dirs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defineHandler } from './handler.ts';
import { refused } from '../acl/api-acls.ts';
import { ErrorCode } from '../protocol/error-codes.ts';
import type { LogManager } from '../log/log-manager.ts';
import type { PartitionLog } from '../log/partition-log.ts';
import { decodeDescribeLogDirsRequest, type DescribableLogDirTopic } from '../protocol/messages/describe-log-dirs-request.ts';
import {
  defaultDescribeLogDirsResponse,
  encodeDescribeLogDirsResponse,
  type DescribeLogDirsPartition,
  type DescribeLogDirsTopic,
} from '../protocol/messages/describe-log-dirs-response.ts';

function describePartition(log: PartitionLog, p: number): DescribeLogDirsPartition {
  return { partitionIndex: p, partitionSize: BigInt(log.sizeBytes), offsetLag: 0n, isFutureKey: false };
}

/** The named partitions (each once, in order), or every partition of every topic when topics is null. */
function describeTopics(logs: LogManager, topics: readonly DescribableLogDirTopic[] | null): DescribeLogDirsTopic[] {
  const result: DescribeLogDirsTopic[] = [];
  if (topics === null) {
    // Straight from the partition logs: a 10,000-topic cluster is described on every topic list.
    logs.allPartitionLogs().forEach((list, name) => {
      const partitions: DescribeLogDirsPartition[] = [];
      for (let p = 0; p < list.length; p++) {
        const log = list[p];
        if (log) partitions.push(describePartition(log, p));
      }
      if (partitions.length > 0) result.push({ name, partitions });
    });
    return result;
  }
  const wanted = new Map<string, Set<number>>();
  for (const t of topics) {
    const set = wanted.get(t.topic) ?? new Set<number>();
    for (const p of t.partitions) set.add(p);
    wanted.set(t.topic, set);
  }
  for (const [name, partitions] of wanted) {
    const described = [...partitions]
      .sort((a, b) => a - b)
      .flatMap((p) => {
        const log = logs.partition(name, p);
        return log ? [describePartition(log, p)] : [];
      });
    if (described.length > 0) result.push({ name, partitions: described });
  }
  return result;
}

/** Total and usable bytes of the file system holding the dir; -1 when it cannot be read. */
function space(dir: string): { totalBytes: bigint; usableBytes: bigint } {
  try {
    const s = fs.statfsSync(dir, { bigint: true });
    return { totalBytes: s.blocks * s.bsize, usableBytes: s.bavail * s.bsize };
  } catch {
    return { totalBytes: -1n, usableBytes: -1n };
  }
}

export default defineHandler({
  apiKey: 35,
  minVersion: 0,
  maxVersion: 4,
  decode: decodeDescribeLogDirsRequest,
  encode: encodeDescribeLogDirsResponse,
  handle(req, ctx) {
    const denied = refused(ctx, 'describeLogDirs');
    if (denied !== null) return { ...defaultDescribeLogDirsResponse(), errorCode: denied, results: [] };
    const { logs } = ctx.broker;
    const logDir = path.resolve(logs.dataDir);
    const result = { errorCode: ErrorCode.NONE, logDir, topics: describeTopics(logs, req.topics), ...space(logDir) };
    return { ...defaultDescribeLogDirsResponse(), errorCode: ErrorCode.NONE, results: [result] };
  },
});
