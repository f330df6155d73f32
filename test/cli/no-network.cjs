// Preloaded by safety.test.ts: any attempt to open a connection or resolve a
// name fails loudly, so the test sees it on stderr.
'use strict';
const net = require('node:net');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');
const tls = require('node:tls');

function refuse(what) {
  return function () {
    process.stderr.write(`NETWORK ACCESS: ${what}\n`);
    throw new Error(`network access refused: ${what}`);
  };
}
net.Socket.prototype.connect = refuse('net.Socket.connect');
net.connect = net.createConnection = refuse('net.connect');
tls.connect = refuse('tls.connect');
http.request = http.get = refuse('http.request');
https.request = https.get = refuse('https.request');
dns.lookup = refuse('dns.lookup');
dns.resolve = refuse('dns.resolve');
if (typeof globalThis.fetch === 'function') globalThis.fetch = refuse('fetch');
