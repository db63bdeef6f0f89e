// Starts the real `folio` binary for one test file: a random free port, a
// fresh SQLite database in a temporary folder, one admin account made with
// `folio admin create` (password piped on stdin), ready once /healthz says ok.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const ADMIN_USER = 'e2e-admin';
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** The binary under test: $FOLIO_BIN, or the debug build next to e2e/. */
export function folioBin() {
  const bin = process.env.FOLIO_BIN
    ? resolve(process.env.FOLIO_BIN)
    : resolve(E2E_DIR, '..', 'target', 'debug', 'folio');
  if (!existsSync(bin)) {
    throw new Error(
      `folio binary not found at ${bin}: run \`cargo build\` first, or set FOLIO_BIN`,
    );
  }
  return bin;
}

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Runs `folio admin create` with the password as stdin's first line. */
function createAdmin(bin, env) {
  return new Promise((ok, fail) => {
    const child = spawn(bin, ['admin', 'create', ADMIN_USER], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? ok() : fail(new Error(`folio admin create exited ${code}: ${output}`)),
    );
    child.stdin.end(`${ADMIN_PASSWORD}\n`);
  });
}

/** Polls GET /healthz until it answers 200 `ok`, the process dies, or time runs out. */
async function waitHealthy(baseURL, child, log, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`folio exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${log()}`);
    }
    try {
      const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200 && (await res.text()).trim() === 'ok') return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(`folio was not healthy within ${timeoutMs} ms:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts folio; resolves to { baseURL, stop() }. Always call stop() (in an
 * `after` hook): it ends the process by its PID and removes the database.
 * `host` names the site in its base URL (`localhost` for WebAuthn, which needs
 * a host name); it listens on 127.0.0.1 either way.
 */
export async function startFolio(extraEnv = {}, { host = '127.0.0.1' } = {}) {
  const bin = folioBin();
  const dir = mkdtempSync(join(tmpdir(), 'folio-e2e-'));
  const baseEnv = { ...process.env };
  for (const key of Object.keys(baseEnv)) {
    if (key.startsWith('FOLIO_')) delete baseEnv[key];
  }
  const env = {
    ...baseEnv,
    DATABASE_URL: `sqlite://${join(dir, 'folio.db')}`,
    // The anti-spam knobs would treat a fast test browser as a bot.
    FOLIO_COMMENT_MIN_SECONDS: '0',
    FOLIO_COMMENTS_PER_MINUTE: '0',
    RUST_LOG: process.env.RUST_LOG ?? 'warn',
    ...extraEnv,
  };
  delete env.FOLIO_BIN;
  await createAdmin(bin, env);

  let lastError;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const baseURL = `http://${host}:${port}`;
    const healthURL = `http://127.0.0.1:${port}`;
    const child = spawn(bin, ['serve'], {
      env: { ...env, FOLIO_BIND: `127.0.0.1:${port}`, FOLIO_BASE_URL: baseURL },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (d) => {
      output = (output + d).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const killOnExit = () => child.kill('SIGKILL');
    process.on('exit', killOnExit);

    const stop = async () => {
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(child.pid, 'SIGTERM');
        const timer = setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
        }, 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    };

    try {
      await waitHealthy(healthURL, child, () => output);
      return { baseURL, stop, log: () => output };
    } catch (err) {
      lastError = err;
      process.off('exit', killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(child.pid, 'SIGKILL');
        await exited;
      }
      // Another process may have taken the port between probe and bind: try another.
      if (!/address already in use|Address in use|os error 98/i.test(output)) break;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}
