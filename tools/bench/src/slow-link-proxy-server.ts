// The slow-link proxy (src/load/slow-link-proxy.ts) as a process of its own, so that the bench's
// event loop — busy with the client reading and hashing the file — never holds up its timers.
// Started and stopped by src/load/slow-link.ts.
//
//   node dist/slow-link-proxy-server.js '<SlowLinkOptions as JSON>'
//   (prints "listening on <host>:<port>"; runs until killed)
import { type SlowLinkOptions, startSlowLinkProxy } from './load/slow-link-proxy.js';

const json = process.argv[2];
if (json === undefined) throw new Error('usage: slow-link-proxy-server.js <options as JSON>');
const proxy = await startSlowLinkProxy(JSON.parse(json) as SlowLinkOptions);
console.log(`listening on ${proxy.host}:${proxy.port}`);
