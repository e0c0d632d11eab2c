/**
 * `npm run hash-password`: prints the argon2id hash of a password for KAYAK_USERS_FILE. Reads the
 * password from the terminal without echoing it (twice, to catch typos), or one line from stdin
 * when piped: `echo -n secret | npm run -s hash-password`.
 */
import { hash } from '@node-rs/argon2';
import { createInterface } from 'node:readline';

async function readHidden(prompt: string): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.resume();
  let text = '';
  return new Promise((resolve, reject) => {
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(text);
        }
        if (ch === '\u0003') return reject(new Error('cancelled'));
        if (ch === '\u007f') text = text.slice(0, -1);
        else text += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPiped(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) return line;
  return '';
}

async function main(): Promise<void> {
  let password: string;
  if (process.stdin.isTTY) {
    password = await readHidden('Password: ');
    if ((await readHidden('Again: ')) !== password) throw new Error('the passwords differ');
  } else {
    password = await readPiped();
  }
  if (!password) throw new Error('empty password');
  // argon2id is the library's default algorithm.
  console.log(await hash(password));
}

main().catch((e: unknown) => {
  console.error(`hash-password: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
