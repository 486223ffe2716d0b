// graphql-js 16.6's side of bench_graphql: the same work on the same documents, printed as
// JSON lines {"case": ..., "nsPerOp": ...}. Run by bench_graphql (C++) in the same run.
//   node bench_graphql.mjs <shared-dir> <iterations>
import { readFileSync } from 'node:fs';
import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { collectFields } from 'graphql/execution/collectFields.js';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values.js';

const [shared, iterationsArg] = process.argv.slice(2);
const iterations = Number(iterationsArg ?? 20000);
const schema = buildSchema(readFileSync(`${shared}/spec/demo-schema.graphql`, 'utf8'));
const subscriptionType = schema.getSubscriptionType();

// What Subscope does with @groups, written the graphql-js way: the operation's variables, the
// root field's arguments, the group templates filled in, the requested field names.
const templates = {
  myModelCreatedUpdateDelete: ['MyModelCreated', 'MyModelUpdated.{id}', 'MyModelDeleted.{id}'],
};
function resolveGroups(document, variables) {
  const operation = document.definitions.find((d) => d.kind === 'OperationDefinition');
  const fragments = Object.fromEntries(document.definitions.filter((d) => d.kind === 'FragmentDefinition').map((d) => [d.name.value, d]));
  const coerced = getVariableValues(schema, operation.variableDefinitions, variables);
  if (coerced.errors) throw coerced.errors[0];
  const roots = collectFields(schema, fragments, coerced.coerced, subscriptionType, operation.selectionSet);
  const [, nodes] = roots.entries().next().value;
  const field = subscriptionType.getFields()[nodes[0].name.value];
  const args = getArgumentValues(field, nodes[0], coerced.coerced);
  const groups = [];
  for (const t of templates[field.name] ?? []) {
    let skip = false;
    const name = t.replace(/\{(\w+)\}/g, (_, a) => {
      const v = args[a];
      if (v == null || v === '') skip = true;
      return typeof v === 'string' ? v : JSON.stringify(v);
    });
    if (!skip && /^[a-zA-Z0-9_.-]+$/.test(name) && name.length < 100 && !groups.includes(name)) groups.push(name);
  }
  const requested = [];
  for (const node of nodes) {
    const sub = collectFields(schema, fragments, coerced.coerced, field.type, node.selectionSet);
    for (const [, fieldNodes] of sub) for (const f of fieldNodes) if (!requested.includes(f.name.value)) requested.push(f.name.value);
  }
  return { groups, requested };
}

function time(name, work, count = iterations) {
  for (let i = 0; i < Math.min(count, 5000); ++i) work(); // warm the JIT up
  const rounds = [];
  for (let r = 0; r < 5; ++r) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < count; ++i) work();
    rounds.push(Number(process.hrtime.bigint() - start) / count);
  }
  rounds.sort((a, b) => a - b);
  console.log(JSON.stringify({ case: name, nsPerOp: rounds[2] }));
}

const subscription = 'subscription OnChange($id: String, $subscribe: Boolean) {\n'
  + '  myModelCreatedUpdateDelete(id: $id, subscribe: $subscribe) {\n    id\n    ...ModelFields\n  }\n}\n'
  + 'fragment ModelFields on MyModelType {\n  name\n  age\n}\n';
const variables = { id: '42', subscribe: true };
const result = resolveGroups(parse(subscription), variables);
if (result.groups.join() !== 'MyModelCreated,MyModelUpdated.42,MyModelDeleted.42') throw new Error('wrong groups: ' + result.groups);

time('subscription', () => {
  const document = parse(subscription);
  if (validate(schema, document, specifiedRules).length) throw new Error('invalid');
  resolveGroups(document, variables);
});
const introspection = getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true });
const introspectionIterations = Math.max(1, Math.floor(iterations / 10));
time('introspection', () => {
  const document = parse(introspection);
  if (validate(schema, document, specifiedRules).length) throw new Error('invalid');
}, introspectionIterations);
