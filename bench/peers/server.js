'use strict';
// The peer Userbase is measured against: Fastify 5 and better-sqlite3 12 on Node.js, one process,
// SQLite in WAL mode with synchronous=FULL (as Userbase's default), POST /users (JSON) and
// GET /users/:id. Written for bench/run peers; not a product.
const Fastify = require('fastify');
const Database = require('better-sqlite3');

const db = new Database(process.env.PEER_DB || 'peer.db');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.exec(`CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1)`);
const insert = db.prepare(
  'INSERT INTO users (name, email, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING *');
const byId = db.prepare('SELECT * FROM users WHERE id = ?');

const view = (row) => ({
  id: row.id,
  name: row.name,
  email: row.email,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
  version: row.version,
});

const app = Fastify({ logger: false, bodyLimit: 64 * 1024 });

app.post('/users', {
  schema: {
    body: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        email: { type: ['string', 'null'], maxLength: 254 },
      },
    },
  },
}, (request, reply) => {
  const now = Date.now();
  try {
    const row = insert.get(request.body.name.trim(), request.body.email ?? null, now, now);
    reply.code(201).header('Location', `/users/${row.id}`).send(view(row));
  } catch (e) {
    if (e.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      reply.code(409).send({ title: 'Email already taken' });
    } else {
      throw e;
    }
  }
});

app.get('/users/:id', {
  schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } } },
}, (request, reply) => {
  const row = byId.get(request.params.id);
  if (!row) {
    reply.code(404).send({ title: 'User not found' });
  } else {
    reply.send(view(row));
  }
});

app.get('/health', (request, reply) => reply.send({ status: 'UP' }));

app.listen({ host: '127.0.0.1', port: Number(process.env.PORT || 3000) }).catch((e) => {
  console.error(e);
  process.exit(1);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => app.close().then(() => { db.close(); process.exit(0); }));
}
