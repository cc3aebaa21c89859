// moto_server on 127.0.0.1 for tests of the AWS APIs: started on a free port in its own process
// group, ready when it answers, stopped (the whole group) by the test.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { freePort } from './ports';

export interface MotoServer {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(500, () => req.destroy());
  });
}

export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  const endpoint = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30_000;
  while (!(await answers(`${endpoint}/moto-api/`))) {
    if (child.exitCode !== null || Date.now() > until) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone
      }
      throw new Error(`moto_server did not start on ${endpoint}: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    endpoint,
    credentials: { accessKeyId: 'AKIAMOTOTESTEXAMPLE1', secretAccessKey: 'motoTestSecretKeyExample000000000000000' },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          resolve();
        }
      }),
  };
}
