/** Spawns bench/raw/raw-server.ts (the raw-limit reference) and waits for its port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './procs.ts';

export interface RawServer {
  port: number;
  child: ChildProcess;
  stop: () => void;
}

export async function startRawServer(file: string): Promise<RawServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'raw', 'raw-server.ts'), file], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const onExit = (): void => void child.kill('SIGKILL');
  process.on('exit', onExit);
  child.once('exit', () => process.off('exit', onExit));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`raw server exited ${code}`)));
  });
  return { port, child, stop: () => child.kill('SIGTERM') };
}
