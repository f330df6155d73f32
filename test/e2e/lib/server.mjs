// The VS Code server shipped in code-server@4.100.3 (installed by
// .ci/setup-system into .cache/code-server): install a .vsix, start it on a
// free port with the smoke-test driver, stop it and its children.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { START_MS } from '../workbench.mjs';

export function serverMain(root) {
  return path.join(root, '.cache', 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const dirArgs = (dirs) => ['--user-data-dir', dirs.userData, '--server-data-dir', dirs.serverData, '--extensions-dir', dirs.extensions];

export function installExtension(main, dirs, vsix) {
  const r = spawnSync(process.execPath, [main, '--install-extension', vsix, '--accept-server-license-terms', ...dirArgs(dirs)], {
    encoding: 'utf8',
  });
  if (r.status !== 0 || !/successfully installed/.test(r.stdout)) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

/**
 * `smokeTestDriver`: needed to run an extension-host suite from the page's
 * payload; it also makes the workbench refuse modal dialogs, so a run that
 * clicks through dialogs starts without it.
 */
export async function startServer(main, dirs, logFile, { smokeTestDriver = true } = {}) {
  const port = await freePort();
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      main,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      ...(smokeTestDriver ? ['--enable-smoke-test-driver'] : []),
      '--disable-telemetry',
      '--disable-workspace-trust',
      ...dirArgs(dirs),
    ],
    { detached: true, stdio: ['ignore', log, log], env: { ...process.env, VSCODE_AGENT_FOLDER: dirs.serverData } },
  );
  fs.closeSync(log);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const end = Date.now() + START_MS;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`the VS Code server exited with ${child.exitCode}; see ${logFile}`);
    if (await httpOk(`http://127.0.0.1:${port}/version`)) return { port, child, exited, url: `http://127.0.0.1:${port}` };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stopServer({ child, exited });
  throw new Error(`the VS Code server did not answer on port ${port} within 60 s; see ${logFile}`);
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined && res.statusCode < 500);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

/** Stops the server's process group (the server and its extension hosts) and waits for the exit. */
export async function stopServer(server) {
  if (!server?.child || server.child.exitCode !== null) return;
  try {
    process.kill(-server.child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const done = await Promise.race([server.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
  if (!done) {
    try {
      process.kill(-server.child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    await server.exited;
  }
  // Children of the group (extension hosts, language servers) get a moment to go.
  for (let i = 0; i < 50; i++) {
    try {
      process.kill(-server.child.pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(-server.child.pid, 'SIGKILL');
  } catch {
    /* gone */
  }
}
