// The cold-start baseline: one request with undici, the least a Node HTTP probe can do.
//   node bench/bare-one.js <url>
import { request } from 'undici';

const res = await request(process.argv[2], { reset: true });
await res.body.arrayBuffer();
