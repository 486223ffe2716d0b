// Differential test: every document of corpus.jsonl goes through graphql-js 16.6 (worded as
// graphql-core, see graphql-core-style.mjs) and through Subscope's engine (graphql_batch); both
// must give the same errors: messages, locations and order, or none.
//   node differential.mjs --engine path/to/graphql_batch [--shared ../../../shared] [--corpus file]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getIntrospectionQuery, graphqlSync } from 'graphql';
import { checkRequest, loadSchema } from './graphql-core-style.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const shared = resolve(args.shared ?? resolve(here, '../../../shared'));
const corpusPath = args.corpus ?? resolve(here, 'corpus.jsonl');
if (!args.engine) {
  console.error('usage: node differential.mjs --engine <graphql_batch> [--shared <dir>] [--corpus <file>]');
  process.exit(2);
}

const demoSdl = readFileSync(resolve(shared, 'spec/demo-schema.graphql'), 'utf8');
const schemas = {
  demo: loadSchema(demoSdl, demoSdl),
  rich: loadSchema(readFileSync(resolve(shared, 'spec/graphql-vectors/rich-schema.graphql'), 'utf8'), demoSdl),
  test: loadSchema(readFileSync(resolve(here, '../data/test-schema.graphql'), 'utf8'), demoSdl),
};

const lines = readFileSync(corpusPath, 'utf8').split('\n').filter((l) => l.trim());
const entries = lines.map((l) => JSON.parse(l));

// Introspection as tools send it: graphql-js's getIntrospectionQuery() with its defaults (what
// GraphiQL and most clients send) and with every option, executed by both engines.
const introspectionQueries = [getIntrospectionQuery(), getIntrospectionQuery({
  descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true,
})];
const introspections = [];
for (const schema of Object.keys(schemas))
  for (const document of introspectionQueries) introspections.push({ schema, document, execute: true });
lines.push(...introspections.map((r) => JSON.stringify(r)));

const engine = spawnSync(args.engine, [], { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
if (engine.status !== 0) {
  console.error(`engine failed (${engine.status}): ${engine.stderr}`);
  process.exit(1);
}
const answers = engine.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
if (answers.length !== lines.length) {
  console.error(`engine answered ${answers.length} of ${lines.length} requests`);
  process.exit(1);
}

let passed = 0;
let failed = 0;
let valid = 0;
entries.forEach((entry, i) => {
  const expected = checkRequest(schemas[entry.schema], entry.document, entry.variables, entry.operationName);
  const got = answers[i].errors;
  if (expected.length === 0) ++valid;
  if (JSON.stringify(expected) === JSON.stringify(got)) {
    ++passed;
    return;
  }
  ++failed;
  if (failed <= 40) {
    console.log(`FAIL #${i + 1} [${entry.schema}] ${JSON.stringify(entry.document)}` + (entry.variables ? ` variables ${JSON.stringify(entry.variables)}` : ''));
    console.log(`  graphql-js: ${JSON.stringify(expected)}`);
    console.log(`  subscope:   ${JSON.stringify(got)}`);
  }
});
// graphql-core words @specifiedBy's descriptions in British English ("behaviour"; see
// ../shared/spec/graphql-vectors/vectors.introspection-rich.json), graphql-js in American.
const coreDescriptions = (result) => JSON.parse(JSON.stringify(result).replaceAll('specifies the behavior of', 'specifies the behaviour of'));
introspections.forEach((request, k) => {
  const expected = coreDescriptions(graphqlSync({ schema: schemas[request.schema], source: request.document }));
  const got = answers[entries.length + k];
  if (!expected.errors && !got.errors && JSON.stringify(got.data) === JSON.stringify(expected.data)) {
    ++passed;
    return;
  }
  ++failed;
  console.log(`FAIL introspection of ${request.schema} (query ${k % 2 ? 'with every option' : 'with the defaults'})`);
  const a = JSON.stringify(expected), b = JSON.stringify(got);
  let at = 0;
  while (at < a.length && a[at] === b[at]) ++at;
  console.log(`  graphql-js: ...${a.slice(Math.max(0, at - 80), at + 120)}`);
  console.log(`  subscope:   ...${b.slice(Math.max(0, at - 80), at + 120)}`);
});
console.log(`${passed} passed, ${failed} failed (${entries.length} documents, ${valid} valid, ${entries.length - valid} with errors;`
  + ` ${introspections.length} introspections compared whole)`);
process.exit(failed === 0 && entries.length >= 400 ? 0 : 1);
