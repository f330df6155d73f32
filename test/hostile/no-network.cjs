// Preloaded with `--require` (NODE_OPTIONS) by no-network.test.ts: every way
// Node opens a connection or resolves a name is replaced by a function that
// records the attempt in $AML_YAML_NET_LOG and fails. The first line written
// by each process or thread is "armed <pid>:<threadId>", so the test knows the
// guard was really in place.
'use strict';
const fs = require('node:fs');
const { threadId } = require('node:worker_threads');

const log = process.env.AML_YAML_NET_LOG;
const write = (line) => {
  if (log) fs.appendFileSync(log, line + '\n');
};
write(`armed ${process.pid}:${threadId}`);

function blocked(what) {
  return function () {
    const detail = [...arguments]
      .map((a) =>
        typeof a === 'function'
          ? 'fn'
          : typeof a === 'object' && a !== null
            ? JSON.stringify(a, (k, v) => (k === 'agent' ? undefined : v))?.slice(0, 200)
            : String(a),
      )
      .join(' ');
    write(`attempt ${what} ${detail}`);
    throw new Error(`network access is not allowed (${what})`);
  };
}

const net = require('node:net');
net.Socket.prototype.connect = blocked('net.Socket.connect');
net.connect = net.createConnection = blocked('net.connect');
const tls = require('node:tls');
tls.connect = blocked('tls.connect');
const dns = require('node:dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveTxt', 'lookupService']) {
  dns[name] = blocked(`dns.${name}`);
  if (dns.promises[name]) dns.promises[name] = blocked(`dns.promises.${name}`);
}
const http = require('node:http');
const https = require('node:https');
http.request = http.get = blocked('http.request');
https.request = https.get = blocked('https.request');
if (typeof globalThis.fetch === 'function') globalThis.fetch = blocked('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = blocked('WebSocket');
