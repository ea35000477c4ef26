// A bare Fastify server for the list benchmark's baseline: `/api/health`, and every other GET
// answers the JSON body read from argv[2]. Usage: node --import tsx bench/bare-server.ts BODY_FILE PORT
import fs from 'node:fs';
import fastify from 'fastify';

const [bodyFile, portArg] = process.argv.slice(2);
if (!bodyFile || !portArg) {
  console.error('usage: bare-server.ts BODY_FILE PORT');
  process.exit(2);
}
const body = fs.readFileSync(bodyFile, 'utf8');

const app = fastify({ logger: false });
app.get('/api/health', async () => ({ ok: true }));
app.get('/*', async (_req, reply) =>
  reply.header('content-type', 'application/json; charset=utf-8').send(body),
);

const stop = (): void => {
  void app.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

await app.listen({ host: '127.0.0.1', port: Number(portArg) });
console.log(`bare fastify on 127.0.0.1:${portArg}, ${Buffer.byteLength(body)} bytes`);
