// GraphiQL in Debian's Chromium against the headless server, as a frontend developer uses it in
// front of their Django server: the page (graphiql/, built by Vite) loads the schema by
// introspection over POST /graphql/ from another origin, a subscription typed into its editor
// runs over the WebSocket, and a model event fired through POST /models/MyModel appears in the
// result pane. Once with graphql-ws (graphql-transport-ws), once with subscriptions-transport-ws
// (the legacy graphql-ws subprotocol); then browser auth (W30, W17), where the WebSocket API can
// set no header: a token in the WebSocket URL's query string or in the connection_init payload.
//
//   node graphiql_browser.mjs --subscope build/bin/subscope-server --page build/tests/interop/graphiql
//                             [--chromium /usr/bin/chromium] [--screenshot docs/graphiql.png]
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { parseArgs } from 'node:util';

import { chromium } from 'playwright-core';

import { startHeadless, until } from '../support/headless_server.mjs';

const { values: options } = parseArgs({
  options: {
    subscope: { type: 'string' },
    page: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    screenshot: { type: 'string' },
  },
});
if (!options.subscope || !options.page) {
  throw new Error('usage: node graphiql_browser.mjs --subscope PATH --page BUILT_PAGE_DIR');
}
if (!fs.existsSync(path.join(options.page, 'index.html'))) {
  throw new Error(`${options.page}/index.html is missing: build the page first (ctest -R interop_graphiql_page)`);
}
if (!fs.existsSync(options.chromium)) {
  throw new Error(`${options.chromium} is missing: apt-get install chromium (make test installs it)`);
}

const NOT_AUTHORIZED = 'Not authorized to subscribe to one or more subscription channels.';
const SUBSCRIPTION = 'subscription OnCreate { myModelCreated(subscribe: true) { id name } }';

// The built page, served from its own origin as a frontend's dev server would serve it.
function servePage(dir) {
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const server = http.createServer((request, response) => {
    const relative = decodeURIComponent(new URL(request.url, 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(dir, relative);
    if (!file.startsWith(path.resolve(dir)) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}



async function fireCreate(server, pk, fields) {
  const response = await fetch(`${server.http}/models/MyModel`, {
    method: 'POST',
    body: JSON.stringify({ action: 'create', pk, fields }),
  });
  assert.equal(response.status, 202, await response.text());
}

let pageServer;
let pageOrigin;
let browser;

before(async () => {
  pageServer = await servePage(options.page);
  pageOrigin = `http://127.0.0.1:${pageServer.address().port}`;
  browser = await chromium.launch({
    executablePath: options.chromium,
    headless: true,
    // Without the background-networking flags, Chromium keeps calling Google's hosts, which a
    // closed network refuses; --no-sandbox because CI runs as root.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  pageServer?.close();
});

// One GraphiQL page on `server`; what the page logs as errors fails the test that opened it.
async function openGraphiQL(t, server, { protocol = 'transport', wsQuery = '', token } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  t.after(() => assert.deepEqual(pageErrors, [], 'errors in the page'));
  const query = new URLSearchParams({ http: `${server.http}/graphql/`, ws: server.ws + wsQuery, protocol });
  if (token) query.set('token', token);
  await page.goto(`${pageOrigin}/index.html?${query}`);
  await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
  return page;
}

// Types into the query editor as a user does (GraphiQL closes brackets as they are typed) and
// checks that the editor holds exactly what was meant.
async function typeQuery(page, text) {
  await page.locator('.graphiql-query-editor .CodeMirror').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await page.keyboard.press('Escape'); // the completion list, if one is open
  const typed = await page.evaluate(() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue());
  assert.equal(typed, text);
}

// The docs pane at the Subscription type, once the schema has come by introspection.
async function openSubscriptionDocs(page) {
  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await docs.getByText('Subscription', { exact: true }).click();
  await docs.getByText('myModelCreated', { exact: true }).waitFor();
  return docs;
}

const resultText = (page) =>
  page.evaluate(() => document.querySelector('.result-window .CodeMirror')?.CodeMirror.getValue() ?? '');

async function resultJson(page, what) {
  const text = await until(what, async () => {
    const value = await resultText(page);
    return value.trim() ? value : null;
  });
  return JSON.parse(text);
}

const run = (page) => page.getByRole('button', { name: /Execute query/ }).click();

// Runs the editor's subscription and waits until the server has it in its group.
async function subscribe(page, server) {
  await run(page);
  await until('the subscription to join its group', async () => (await server.metric('subscope_group_memberships')) === 1);
}

async function stopAndExpectTheServerToForget(page, server) {
  await page.getByRole('button', { name: /Stop/ }).click();
  await until('the stop to reach the server (W26)', async () => (await server.metric('subscope_operations')) === 0);
}

for (const { protocol, subprotocol } of [
  { protocol: 'transport', subprotocol: 'graphql-transport-ws' },
  { protocol: 'legacy', subprotocol: 'graphql-ws' },
]) {
  describe(`GraphiQL over ${subprotocol}`, () => {
    let server;
    before(async () => {
      server = await startHeadless(options.subscope, ['--quiet', '--allowed-origins', pageOrigin]);
    });
    after(async () => assert.equal(await server.stop(), 0));

    test('loads the schema by introspection from another origin: the docs list myModelCreated', async (t) => {
      const page = await openGraphiQL(t, server, { protocol });
      const docs = await openSubscriptionDocs(page);
      await docs.getByText('myModelCreatedUpdateDelete', { exact: true }).waitFor();
      await docs.getByText('myModelCreated', { exact: true }).click();
      await docs.getByText('MyModelType', { exact: true }).first().waitFor();
    });

    test('a typed subscription runs; a model create fired over HTTP appears in the result pane (W14, W21, W22)', async (t) => {
      const page = await openGraphiQL(t, server, { protocol });
      await openSubscriptionDocs(page);
      await typeQuery(page, SUBSCRIPTION);
      await page.getByRole('button', { name: /Prettify query/ }).click();
      await subscribe(page, server);
      assert.equal(await server.metric(`subscope_connections{subprotocol="${subprotocol}"}`), 1);
      // The register ack (data: null, extensions.cyparta) is not an event: the page shows none.
      assert.equal((await resultText(page)).trim(), '');

      await fireCreate(server, 7, { name: 'alice', age: 3 });
      assert.deepEqual(await resultJson(page, 'the event'), {
        data: { myModelCreated: { pk: 7, fields: { name: 'alice', id: 7 }, group: 'MyModelCreated' } },
        errors: null,
      });
      if (options.screenshot && protocol === 'transport') await page.screenshot({ path: options.screenshot });

      await fireCreate(server, 8, { name: 'bob' });
      await until('the second event', async () => (await resultJson(page, 'a result')).data.myModelCreated.pk === 8);
      await stopAndExpectTheServerToForget(page, server);
    });
  });
}

describe('GraphiQL with a token (W30, W17)', () => {
  let server;
  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subscope-graphiql-'));
    const auth = path.join(dir, 'auth.json');
    fs.writeFileSync(auth, JSON.stringify({
      tokens: {
        'alice-token': { user: 'alice', groups: ['MyModelCreated'] },
        'bob-token': { user: 'bob', groups: ['custom_event'] },
      },
    }));
    server = await startHeadless(options.subscope, ['--quiet', '--auth', auth, '--require-auth']);
    fs.rmSync(dir, { recursive: true });
  });
  after(async () => assert.equal(await server.stop(), 0));

  const cases = [
    { name: 'in the WebSocket URL\'s query string', wsQuery: '?token=alice-token', allowed: true },
    { name: 'in the connection_init payload', token: 'alice-token', allowed: true },
    { name: 'none: anonymous', allowed: false },
    { name: 'unknown, in the query string', wsQuery: '?token=mallory', allowed: false },
    { name: 'of a user who may not join the group, in the connection_init payload', token: 'bob-token', allowed: false },
  ];
  for (const protocol of ['transport', 'legacy']) {
    for (const { name, wsQuery, token, allowed } of cases) {
      test(`${protocol}: token ${name}: ${allowed ? 'the event arrives' : 'the W17 message shows and stays'}`, async (t) => {
        const page = await openGraphiQL(t, server, { protocol, wsQuery, token });
        await typeQuery(page, SUBSCRIPTION);
        if (allowed) {
          await subscribe(page, server);
          await fireCreate(server, 11, { name: 'carol' });
          assert.equal((await resultJson(page, 'the event')).data.myModelCreated.fields.name, 'carol');
          await stopAndExpectTheServerToForget(page, server);
        } else {
          await run(page);
          const shown = await resultJson(page, 'the refusal');
          assert.deepEqual(shown, { data: null, errors: [{ message: NOT_AUTHORIZED }] });
          // The W13a null result that follows the refusal must not replace it.
          await new Promise((r) => setTimeout(r, 300));
          assert.deepEqual(JSON.parse(await resultText(page)), shown);
          await page.getByText(NOT_AUTHORIZED).first().waitFor();
          assert.equal(await server.metric('subscope_group_memberships'), 0);
          assert.equal(await server.metric('subscope_operations'), 0);
        }
      });
    }
  }
});
