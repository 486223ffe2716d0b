// Writes corpus.jsonl: hand-written documents covering every validation rule and construct,
// plus seeded variations of the valid ones (a character deleted or doubled, a name misspelt,
// a literal of the wrong type). Deterministic: `node generate-corpus.mjs` gives the same file.
import { writeFileSync } from 'node:fs';

// mulberry32
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(20261124);
const pick = (list) => list[Math.floor(random() * list.length)];

const valid = {
  demo: [
    'subscription { myModelCreated { id name age } }',
    'subscription OnCreate { myModelCreated(subscribe: true) { id ...F } } fragment F on MyModelType { name }',
    'subscription ($id: String) { myModelUpdated(id: $id, subscripe: true) { id name } }',
    'subscription ($id: String = "4", $s: Boolean) { a: myModelCreatedUpdateDelete(id: $id, subscribe: $s) { age } }',
    'subscription { myCustomEvent(subscripe: false) { field1 field2 __typename } }',
    'subscription { myModelDeleted(id: "1") { ... on MyModelType { id } } }',
    'query { base getMyModel { id name } }',
    '{ __typename base }',
    'query Q { __schema { queryType { name } subscriptionType { fields { name args { name type { name } } } } } }',
    '{ __type(name: "MyModelType") { name fields { name type { kind ofType { name } } } } }',
    'subscription S($skip: Boolean!) { myModelCreated { id name @skip(if: $skip) age @include(if: true) } }',
    'subscription {\n  myModelUpdated(\n    id: "7"\n  ) {\n    id\n    name\n  }\n}',
  ],
  rich: [
    '{ user(id: 1) { id name friends(first: 2) { name } } }',
    'query ($f: Filter) { search(text: "x", filter: $f) { ... on User { name } ... on Post { title } ... on Tag { count } } }',
    '{ node(id: "1") { id ... on User { email role } } }',
    'query Echo($c: Color = RED, $l: [ID]) { echo(c: $c, ids: $l, f: 1.5, b: false, i: -3, s: """multi\n  line""") }',
    'mutation M { createPost(title: "t", color: BLUE) { id author { name } } }',
    'subscription { postAdded(authorId: 3) { title body(maxLength: 10) createdAt } }',
    'subscription ($id: ID!) { userChanged(id: $id) { id posts(filter: {color: GREEN, tags: ["a", "b"], near: {x: 1, y: 2.5}}) { id } } }',
    '{ points(list: [{x: 1, y: 2}, {x: 3, y: 4, label: "p"}]) }',
    'query { search(text: "q") { __typename ... on Named { name } } }',
    'fragment U on User { id name } query { user(id: 9) { ...U friends { ...U } } }',
    '{ a: user(id: 1) { name } b: user(id: 2) { name } }',
    'query ($n: Int = 10) { user(id: 1) { friends(first: $n) { id } avatar(size: $n) } }',
  ],
  test: [
    '{ person(id: 1) { id name birthYear friends(first: 3) { name mood } } }',
    '{ node(id: 1) { id ... on Entity { name } ... on Dog { barkVolume } } pets { ... on Cat { meowVolume } } }',
    'query ($f: PersonFilter) { people(filter: $f, first: 5) { id } }',
    '{ echo(s: "x", i: 1, f: 2.5, b: true, id: "x", mood: SAD, date: "2026-01-01", list: [1, 2], nested: [[1]]) }',
    'mutation { rename(id: 1, name: "n") { id name } }',
    'subscription ($id: ID!) { personChanged(id: $id) { id name } }',
    'subscription { moodChanged(mood: HAPPY, ratio: 0.5, count: 2, flag: true, label: "l") }',
    'subscription { petEvents(kind: "dog") { ... on Dog { name } } }',
    '{ __type(name: "Mood") { enumValues(includeDeprecated: true) { name isDeprecated } } }',
    '{ people(filter: {range: {to: 5}, mood: GRUMPY, tags: ["x"]}) { id age } }',
  ],
};

// Documents aimed at each rule (and at the parser), with the errors the reference gives.
const invalid = {
  demo: [
    'subscription { myModelCreated { id } myCustomEvent { field1 } }',
    'subscription S { ...F } fragment F on Subscription { myModelCreated { id } myModelDeleted { id } }',
    'subscription { __typename }',
    'subscription { myModelCreated(nope: 1) { id } }',
    'subscription { myModelUpdated(id: 5) { id } }',
    'subscription { myModelCreated { id nam } }',
    'subscription { myModelCreated }',
    'subscription { myModelCreated { id { x } } }',
    'subscription A { myModelCreated { id } } subscription A { myModelDeleted { id } }',
    '{ base } query B { base }',
    'subscription ($x: Int) { myModelCreated { id } }',
    'subscription { myModelUpdated(id: $nope) { id } }',
    'subscription ($id: Int) { myModelUpdated(id: $id) { id } }',
    'subscription { myModelCreated(subscribe: "yes") { id } }',
    'subscription { myModelCreated @skip(if: true) @skip(if: true) { id } }',
    'subscription { myModelCreated { id @nope } }',
    'subscription @include(if: true) { myModelCreated { id } }',
    'subscription { myModelCreated { ...F } } fragment F on CustomType { field1 }',
    'subscription { myModelCreated { ...F } } fragment F on MyModelType { ...F }',
    'subscription { myModelCreated { ...Nope } }',
    'subscription { myModelCreated { id } } fragment Unused on MyModelType { id }',
    'subscription { myModelCreated { x: id x: name } }',
    'subscription ($a: MyModelType) { myModelCreated { id } }',
    'subscription ($a: String, $a: String) { myModelUpdated(id: $a) { id } }',
    'type T { a: Int }',
    'subscription { myModelCreated(subscribe: true, subscribe: false) { id } }',
    'mutation { x }',
    '',
    '{',
    'subscription { myModelCreated { id } }}',
    'subscription { myModelUpdated(id: "unterminated) { id } }',
    'subscription { myModelUpdated(id: \'x\') { id } }',
    'subscription {\n  myModelCreated {\n    id\n}\n  }\n}',
    'subscription {\n  myModelCreated {\n    nope\n  }\n}',
    '\n\nfragment F on MyModelType { id }\n{ base }',
  ],
  rich: [
    '{ user(id: 1) { avatar } }',
    '{ user(id: 1) { avatar(size: "big") } }',
    '{ echo(c: PURPLE) }',
    '{ echo(c: "RED") }',
    '{ echo(i: 2147483648, f: "x", b: 1, s: 2, ids: [1, true]) }',
    '{ search(text: "x", filter: {near: {x: 1}, colour: RED}) { __typename } }',
    '{ search(text: "x", filter: {tags: [1], limit: 1.5, and: [{color: 5}]}) { __typename } }',
    '{ search(text: "x") { name } }',
    '{ search(text: "x") { ... on User { id } ... on Post { id: title } } }',
    '{ node(id: 1) { ... on Tag { name } } }',
    '{ node(id: 1) { ... on Color { x } } }',
    'query ($u: User) { user(id: 1) { id } }',
    'query ($n: Int) { user(id: 1) { avatar(size: $n) } }',
    'query ($t: String!) { search(text: $t) { __typename } } query Other { user(id: 1) { id } }',
    '{ user(id: 1) { name: email } user(id: 1) { name } }',
    '{ user(id: 1) { friends(first: 1) { id } friends(first: 2) { id } } }',
    'query @deprecated { user(id: 1) { id } }',
    '{ user(id: 1) @include(if: true) @include(if: false) { id } }',
    'query ($b: Boolean) { user(id: 1) @skip(if: $b) { id } }',
    '{ points(list: [{x: 1, y: 2}, null, {y: 1}]) }',
    'query ($v: Role = ADMIN) { echo(c: $v) }',
    'query ($a: [[Int!]!]!) { echo(ids: $a) }',
    'subscription { postAdded { id } userChanged(id: 1) { id } }',
    'schema { query: Query }',
    'extend type Query { x: Int }',
    '{ user(id: 1) { ...A } } fragment A on User { ...B } fragment B on User { ...A }',
    '{ user(id: 1) { ...A } } fragment A on User { name } fragment A on User { id }',
    'query Q($x: Int) { echo(i: $y) }',
    '{ eco }',
    '{ user(id: 1) { frends } }',
    '{ echo(f: 1e400) }',
    'query { echo(s: """unterminated) }',
    '{ echo(s: "\\u{1F600} \\uD83D\\uDE00 \\u00e9") }',
    '{ echo(s: "\\uD800") }',
    '{ echo(s: "bad \\q escape") }',
    '{ echo(i: 00) }',
    '{ echo(i: 1.e5) }',
    '{ echo(i: -) }',
    'query ($a: Int = $b) { echo(i: $a) }',
    '"desc" query { user(id: 1) { id } }',
    'fragment on on User { id }',
    '{ user(id: 1) { ... on } }',
    '{ echo(c: true) }',
  ],
  test: [
    '{ node(id: 1) { name } }',
    '{ pets { name } }',
    '{ person(id: 1) { ... on Dog { id } } }',
    '{ pets { ...P } } fragment P on Person { id }',
    '{ echo(mood: HAPY) }',
    '{ echo(date: {any: [1, {x: $v}]}) }',
    'query ($d: Date) { echo(date: $d, nested: [[1, null], "x"]) }',
    '{ people(filter: {name: "a", name: "b"}) { id } }',
    'subscription { quiet noisy }',
    'subscription { quiet noisy @skip(if: true) }',
    'query ($id: ID) { person(id: $id) { id } }',
    'query ($id: ID = 1) { person(id: $id) { id } }',
    '{ version { x } }',
    '{ person(id: 1) { mood { x } } }',
    '{ x: version x: now }',
    '{ node(id: 1) { ... on Dog { x: name } ... on Cat { x: meowVolume } } }',
    '{ ...A ...B } fragment A on Query { x: version } fragment B on Query { x: now }',
    // Many fields under one response name (the validator groups identical ones).
    '{' + ' version'.repeat(40) + ' }',
    '{' + ' x: version x: now'.repeat(9) + ' }',
    '{' + ' echo(i: 1) echo(i: 1) echo(i: 2)'.repeat(7) + ' }',
    '{ pets {' + ' ... on Dog { name } ... on Cat { name }'.repeat(12) + ' } }',
    '{ pets {' + ' ... on Dog { x: name } ... on Cat { x: meowVolume }'.repeat(10) + ' } }',
    '{ node(id: 1) {' + ' ... on Dog { x: name } ... on Cat { x: name } ... on Node { x: id }'.repeat(6) + ' } }',
  ],
};

// Requests with variables: [schema, document, variables, operationName].
const withVariables = [
  ['demo', 'subscription ($id: String) { myModelUpdated(id: $id) { id } }', { id: 5 }, null],
  ['demo', 'subscription ($id: String) { myModelUpdated(id: $id) { id } }', { id: 'x' }, null],
  ['demo', 'subscription ($id: String!) { myModelUpdated(id: $id) { id } }', {}, null],
  ['demo', 'subscription ($id: String!) { myModelUpdated(id: $id) { id } }', { id: null }, null],
  ['demo', 'subscription ($s: Boolean) { myModelCreated(subscribe: $s) { id } }', { s: 'yes' }, null],
  ['demo', 'subscription ($s: Boolean) { myModelCreated(subscribe: $s) { id } }', { s: [true, false] }, null],
  ['demo', 'subscription A { myModelCreated { id } }', {}, 'Nope'],
  ['demo', 'subscription A { myModelCreated { id } } subscription B { myModelDeleted(id: "1") { id } }', {}, null],
  ['demo', 'subscription A { myModelCreated { id } } subscription B { myModelDeleted(id: "1") { id } }', {}, 'B'],
  ['rich', 'query ($n: [ID]) { echo(ids: $n) }', { n: [1, true, 'x', null, 2.5] }, null],
  ['rich', 'query ($n: [ID]) { echo(ids: $n) }', { n: 7 }, null],
  ['rich', 'query ($p: Point!) { points(list: [$p]) }', { p: { x: 1 } }, null],
  ['rich', 'query ($p: Point!) { points(list: [$p]) }', { p: { x: 1, y: 2, z: 3 } }, null],
  ['rich', 'query ($p: Point!) { points(list: [$p]) }', { p: [1, 2] }, null],
  ['rich', 'query ($f: Filter) { search(text: "x", filter: $f) { __typename } }', { f: { color: 'PURPLE', tags: [1, null], limit: 'ten', and: [{ near: { x: 'a', y: 1 } }] } }, null],
  ['rich', 'query ($c: Color) { echo(c: $c) }', { c: 'red' }, null],
  ['rich', 'query ($c: Color) { echo(c: $c) }', { c: 3 }, null],
  ['rich', 'query ($i: Int, $f: Float) { echo(i: $i, f: $f) }', { i: 3000000000, f: 'x' }, null],
  ['rich', 'query ($i: Int) { echo(i: $i) }', { i: 1.5 }, null],
  ['rich', 'query ($s: String) { echo(s: $s) }', { s: { deep: { deeper: { deepest: [1, [2, [3]]] } } } }, null],
  ['rich', 'query ($s: String) { echo(s: $s) }', { s: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] }, null],
  ['rich', 'query ($s: String) { echo(s: $s) }', { s: "it's \"quoted\"\n\ttabbed" }, null],
  ['rich', 'query ($d: DateTime) { echo(d: $d) }', { d: { any: ['thing', 1] } }, null],
  ['test', 'query ($f: PersonFilter) { people(filter: $f) { id } }', { f: { range: {}, nam: 'x' } }, null],
  ['test', 'query ($f: PersonFilter) { people(filter: $f) { id } }', { f: { range: { to: 1 }, tags: 'single' } }, null],
  ['test', 'query ($m: Mood) { echo(mood: $m) }', { m: 'HAPY' }, null],
  ['test', 'query ($n: [[Int!]!]) { echo(nested: $n) }', { n: [[1], [2, null], 3] }, null],
  ['test', 'query ($id: ID!) { person(id: $id) { id } }', { id: false }, null],
  ['test', 'query ($a: Int, $b: Int) { a: echo(i: $a) b: echo(i: $b) }', { a: 'one', b: 'two' }, null],
];

const entries = [];
const seen = new Set();
const add = (schema, document, variables = null, operationName = null) => {
  const key = JSON.stringify([schema, document, variables, operationName]);
  if (seen.has(key)) return;
  seen.add(key);
  entries.push({ schema, document, variables, operationName });
};

for (const [schema, docs] of Object.entries(valid)) docs.forEach((d) => add(schema, d));
for (const [schema, docs] of Object.entries(invalid)) docs.forEach((d) => add(schema, d));
for (const [schema, document, variables, operationName] of withVariables) add(schema, document, variables, operationName);

// Variations of the valid documents.
function deleteChar(d) { const i = Math.floor(random() * d.length); return d.slice(0, i) + d.slice(i + 1); }
function doubleChar(d) { const i = Math.floor(random() * d.length); return d.slice(0, i) + d[i] + d.slice(i); }
function misspell(d) {
  const names = [...d.matchAll(/[_A-Za-z][_0-9A-Za-z]{3,}/g)];
  if (!names.length) return d;
  const m = pick(names);
  const w = m[0];
  const i = 1 + Math.floor(random() * (w.length - 2));
  const typo = pick([w.slice(0, i) + w.slice(i + 1), w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2), w.slice(0, i) + 'x' + w.slice(i)]);
  return d.slice(0, m.index) + typo + d.slice(m.index + w.length);
}
function wrongLiteral(d) {
  const literals = [...d.matchAll(/: (-?\d+(?:\.\d+)?|"[^"]*"|true|false|[A-Z]{3,})/g)];
  if (!literals.length) return d;
  const m = pick(literals);
  const replacement = pick(['"text"', '42', '4.5', 'true', 'null', 'BLUE', '[1]', '{a: 1}', '$undefinedVar']);
  return d.slice(0, m.index + 2) + replacement + d.slice(m.index + m[0].length);
}
function extraField(d) {
  const i = d.lastIndexOf('}');
  const j = d.lastIndexOf('}', i - 1);
  if (j < 0) return d;
  return d.slice(0, j) + ' unknownField ' + d.slice(j);
}
const mutations = [deleteChar, doubleChar, misspell, wrongLiteral, extraField, (d) => misspell(deleteChar(d)), (d) => wrongLiteral(misspell(d))];
for (let round = 0; round < 12; ++round)
  for (const [schema, docs] of Object.entries(valid))
    for (const d of docs) add(schema, pick(mutations)(d));

writeFileSync(new URL('./corpus.jsonl', import.meta.url), entries.map((e) => JSON.stringify(e)).join('\n') + '\n');
console.log(`${entries.length} documents written to corpus.jsonl`);
