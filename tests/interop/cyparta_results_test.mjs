// cyparta_results.js against what the Django server sent (../shared/spec/transcripts/): for each
// operation of each recording, the filter keeps every result but the register and unregister
// acks (W14, W15) and the null result that follows an unregister ack or a refusal (W13a), which
// the recordings show arriving in the same millisecond as the frame before it.
//
//   node cyparta_results_test.mjs --transcripts ../shared/spec/transcripts
import fs from 'node:fs';
import path from 'node:path';
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseArgs } from 'node:util';

import { cypartaResultFilter, isCypartaAck } from './cyparta_results.js';

const { values: options } = parseArgs({ options: { transcripts: { type: 'string' } } });
if (!options.transcripts) throw new Error('usage: node cyparta_results_test.mjs --transcripts DIR');

// The results the server sent each operation of one recording, with their times.
function resultsByOperation(file) {
  const operations = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line);
    const frame = entry.frame;
    if (entry.dir !== 'in' || !frame || !['next', 'data'].includes(frame.type)) continue;
    if (!operations.has(frame.id)) operations.set(frame.id, []);
    operations.get(frame.id).push({ t: entry.t, payload: frame.payload });
  }
  return operations;
}

const allNull = (data) => data != null && Object.values(data).every((v) => v === null);

// Independent of the filter's own bookkeeping: a null result sent in the same millisecond as an
// unregister ack or an errors result just before it is that request's W13a result.
function isW13aResult(results, i) {
  const { t, payload } = results[i];
  if (i === 0 || !allNull(payload.data) || payload.errors != null) return false;
  const previous = results[i - 1];
  const ended = previous.payload.extensions?.cyparta?.action === 'unregister' || previous.payload.errors?.length > 0;
  return ended && previous.t === t;
}

const files = fs.readdirSync(options.transcripts).filter((f) => f.endsWith('.jsonl')).sort();

test('the recordings are there', () => assert.ok(files.length >= 30, `${files.length} transcripts`));

const dropped = { acks: 0, nullResults: 0, kept: 0 };
for (const file of files) {
  test(file, () => {
    for (const [id, results] of resultsByOperation(path.join(options.transcripts, file))) {
      const keep = cypartaResultFilter();
      const kept = results.filter((r) => keep(r.payload)).map((r) => r.payload);
      const expected = results
        .filter((r, i) => !isCypartaAck(r.payload) && !isW13aResult(results, i))
        .map((r) => r.payload);
      assert.deepEqual(kept, expected, `operation ${id}`);
      dropped.acks += results.filter((r) => isCypartaAck(r.payload)).length;
      dropped.nullResults += results.filter((r, i) => isW13aResult(results, i)).length;
      dropped.kept += kept.length;
    }
  });
}

test('the recordings hold acks, W13a results and events to tell apart', () => {
  assert.ok(dropped.acks >= 40, JSON.stringify(dropped));
  assert.ok(dropped.nullResults >= 6, JSON.stringify(dropped));
  assert.ok(dropped.kept >= 50, JSON.stringify(dropped));
});

test('docs/frontend-clients.md shows the filter as it is', () => {
  const source = fs.readFileSync(new URL('./cyparta_results.js', import.meta.url), 'utf8');
  const code = source.slice(source.indexOf('export const isCypartaAck')).trim();
  const doc = fs.readFileSync(new URL('../../docs/frontend-clients.md', import.meta.url), 'utf8');
  assert.ok(doc.includes(`\`\`\`js\n${code}\n\`\`\``), 'the docs\' copy differs from cyparta_results.js');
});

test('an event whose value is null is kept after a register ack', () => {
  const keep = cypartaResultFilter();
  assert.equal(keep({ data: null, errors: null, extensions: { cyparta: { action: 'register', registeredGroups: ['g'] } } }), false);
  assert.equal(keep({ data: { myCustomEvent: null }, errors: null }), true);
});
