// A small sample shop and ticket API for the templates: `node templates/sample-api/server.mjs [port]`
// (default 8787). The customer-service template asks it for orders, the travel planner for ticket
// prices. Flows reach it only when 127.0.0.1 is on the network allow-list: TAILOR_ALLOW_HOSTS=127.0.0.1.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const ORDERS = {
  SO20260001: {
    status: 'shipped',
    carrier: 'SF Express',
    trackingNo: 'SF1234567890',
    eta: '2026-12-02',
    items: ['Wireless earbuds'],
  },
  SO20260002: {
    status: 'processing',
    carrier: null,
    trackingNo: null,
    eta: '2026-12-05',
    items: ['Desk lamp', 'USB-C cable'],
  },
  SO20260003: {
    status: 'delivered',
    carrier: 'JD Logistics',
    trackingNo: 'JD0098765432',
    eta: '2026-11-20',
    items: ['Rice cooker'],
  },
};

const TICKETS = [
  { sight: "Suzhou Humble Administrator's Garden", city: 'Suzhou', adult: 90, student: 45 },
  { sight: 'Suzhou Tiger Hill', city: 'Suzhou', adult: 70, student: 35 },
  { sight: 'Hangzhou West Lake boat tour', city: 'Hangzhou', adult: 55, student: 55 },
  { sight: 'Hangzhou Lingyin Temple', city: 'Hangzhou', adult: 75, student: 40 },
  { sight: 'Wuzhen Xizha water town', city: 'Wuzhen', adult: 150, student: 75 },
  { sight: 'Nanjing Sun Yat-sen Mausoleum', city: 'Nanjing', adult: 0, student: 0 },
  { sight: 'Shanghai Yu Garden', city: 'Shanghai', adult: 40, student: 20 },
];

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function route(req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET') return send(res, 405, { error: 'Only GET is offered.' });
  const order = url.pathname.match(/^\/orders\/([^/]+)$/);
  if (order) {
    const id = decodeURIComponent(order[1] ?? '').toUpperCase();
    const found = ORDERS[id];
    return found ? send(res, 200, { id, ...found }) : send(res, 404, { error: `There is no order ${id}.` });
  }
  if (url.pathname === '/tickets') {
    const city = (url.searchParams.get('city') ?? '').toLowerCase();
    const tickets = TICKETS.filter((t) => !city || t.city.toLowerCase() === city);
    return send(res, 200, { currency: 'CNY', source: `${url.origin}/tickets`, tickets });
  }
  return send(res, 404, { error: 'Try GET /orders/<id> or GET /tickets?city=<city>.' });
}

/** Starts the API on 127.0.0.1 (port 0 picks a free one); resolves to its base URL and a close function. */
export function startSampleApi(port = 0) {
  const server = createServer(route);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
      resolve({ base, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { base } = await startSampleApi(Number(process.argv[2] ?? 8787));
  process.stdout.write(`Sample order and ticket API on ${base} (GET /orders/SO20260001, GET /tickets?city=Suzhou)\n`);
}
