// graphql-js 16.6 (what graphql-core 3.2.3 ports) with graphql-core's wording, so that its
// answers can be compared with Subscope's: names in single quotes (values printed in GraphQL
// syntax keep their double quotes), Python repr for variable values, lower-case directive
// locations, line numbers as Python's str.splitlines() gives them.
import {
  GraphQLError, buildSchema, isInputObjectType, isInputType, isLeafType, isListType,
  isNonNullType, parse, print, specifiedRules, typeFromAST, validate,
} from 'graphql';
import { didYouMean } from 'graphql/jsutils/didYouMean.js';
import { suggestionList } from 'graphql/jsutils/suggestionList.js';

// --- Python repr (graphql-core's pyutils.inspect) ---

function pyFloat(x) {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x < 0 ? '-inf' : 'inf';
  if (Object.is(x, -0)) return '-0.0';
  let [digits, exp] = x.toExponential().split('e'); // shortest round-trip digits
  const negative = digits.startsWith('-');
  digits = digits.replace('-', '').replace('.', '');
  const e = Number(exp);
  const point = e + 1;
  let out;
  if (point <= -4 || point > 16) {
    out = digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'e' + (e < 0 ? '-' : '+') + String(Math.abs(e)).padStart(2, '0');
  } else if (point <= 0) {
    out = '0.' + '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    out = digits + '0'.repeat(point - digits.length) + '.0';
  } else {
    out = digits.slice(0, point) + '.' + digits.slice(point);
  }
  return (negative ? '-' : '') + out;
}

function pyStr(s) {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x7f || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (c <= 0xff) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c <= 0xffff) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + quote;
}

function truncate(s) {
  const chars = [...s];
  if (chars.length <= 240) return s;
  return chars.slice(0, 118).join('') + '...' + chars.slice(chars.length - 119).join('');
}

// Numbers in the corpus are written so that integers are integers and floats have a fraction
// or exponent; JSON.parse cannot tell 5.0 from 5, so the corpus avoids integral floats.
export function pythonRepr(value, depth = 0) {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? truncate(String(value)) : pyFloat(value);
  if (typeof value === 'string') return truncate(pyStr(value));
  const isList = Array.isArray(value);
  const entries = isList ? value : Object.entries(value);
  if (entries.length === 0) return isList ? '[]' : '{}';
  if (depth >= 2) return isList ? '[...]' : '{...}';
  let shown = entries.map((e) => (isList ? pythonRepr(e, depth + 1) : truncate(pyStr(e[0])) + ': ' + pythonRepr(e[1], depth + 1)));
  if (shown.length > 10) shown = [...shown.slice(0, 5), '...', ...shown.slice(-4)];
  return (isList ? '[' : '{') + shown.join(', ') + (isList ? ']' : '}');
}

// --- locations ---

const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/g;

// graphql-core's Source.get_location: splitlines() of the text before the position.
export function pythonLocation(body, position) {
  const before = body.slice(0, position);
  if (before.length === 0) return { line: 1, column: 1 };
  const lines = before.split(PY_LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop(); // splitlines drops the empty last line
  if (lines.length === 0) return { line: 1, column: 1 };
  return { line: lines.length, column: [...lines[lines.length - 1]].length + 1 };
}

// --- messages ---

// Skips a GraphQL literal (as printed in a message) starting at i; returns where it ends.
function skipLiteral(s, i) {
  if (s.startsWith('"""', i)) {
    const end = s.indexOf('"""', i + 3);
    return end < 0 ? s.length : end + 3;
  }
  if (s[i] === '"') {
    let j = i + 1;
    while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (s[i] === '[' || s[i] === '{') {
    const close = s[i] === '[' ? ']' : '}';
    let j = i + 1;
    while (j < s.length && s[j] !== close) {
      if (s[j] === ' ' || s[j] === ',' || s[j] === ':') { j++; continue; }
      const k = skipLiteral(s, j);
      j = k > j ? k : j + 1;
    }
    return j + 1;
  }
  const m = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\$?[_A-Za-z][_0-9A-Za-z]*)/.exec(s.slice(i));
  return m ? i + m[0].length : i;
}

const VALUE_PREFIXES = ['value: ', 'found ', 'has invalid value '];

// graphql-js wording -> graphql-core wording, for syntax and validation messages.
export function coreMessage(message) {
  if (message.startsWith('Syntax Error: ')) {
    if (message.includes('Unexpected single quote character')) return message;
    return message.replace(/"((?:[^"\\]|\\.)*)"/g, "'$1'");
  }
  message = message.replace(/may not be used on ([A-Z_]+)\./, (_, l) => `may not be used on ${l.toLowerCase().replace(/_/g, ' ')}.`);
  const protectedRanges = [];
  for (const prefix of VALUE_PREFIXES) {
    let at = message.indexOf(prefix);
    while (at >= 0) {
      const start = at + prefix.length;
      protectedRanges.push([start, skipLiteral(message, start)]);
      at = message.indexOf(prefix, start);
    }
  }
  let out = '';
  let i = 0;
  while (i < message.length) {
    const range = protectedRanges.find(([a, b]) => i >= a && i < b);
    if (range) { out += message.slice(i, range[1]); i = range[1]; continue; }
    if (message[i] === '"') {
      const end = message.indexOf('"', i + 1);
      if (end > i) { out += "'" + message.slice(i + 1, end) + "'"; i = end + 1; continue; }
    }
    out += message[i++];
  }
  return out;
}

// Inner messages of variable coercion, with the offending value as Python prints it.
function coreCoercionMessage(message, invalidValue) {
  const leaf = /^(Int cannot represent non-integer value|Int cannot represent non 32-bit signed integer value|Float cannot represent non numeric value|String cannot represent a non string value|Boolean cannot represent a non boolean value|ID cannot represent value): /.exec(message);
  if (leaf) return leaf[1] + ': ' + pythonRepr(invalidValue);
  const nonString = /^Enum "(\w+)" cannot represent non-string value: .*?\.( Did you mean .*)?$/.exec(message);
  if (nonString) return `Enum '${nonString[1]}' cannot represent non-string value: ${pythonRepr(invalidValue)}.` + (nonString[2] ? coreMessage(nonString[2]) : '');
  return coreMessage(message)
    .replace(/ not to be null\.$/, ' not to be None.')
    .replace(/ to be an object\.$/, ' to be a mapping.');
}

// --- a request, checked as graphql-core checks it ---

// Subscope declares @groups and @model (as the demo schema declares them) when a schema uses
// them without declaring them; graphql-js needs the declarations written out.
export function loadSchema(sdl, demoSdl) {
  const declarations = demoSdl.slice(demoSdl.indexOf('"""'), demoSdl.indexOf('type MyModelType'));
  const groups = declarations.slice(0, declarations.indexOf('"A model'));
  const model = declarations.slice(declarations.indexOf('"A model'));
  const uses = (name) => new RegExp(`@${name}\\b(?!\\()|@${name}\\(`).test(sdl.replace(/directive @\w+/g, ''));
  let prefix = '';
  if (!sdl.includes('directive @groups') && uses('groups')) prefix += groups;
  if (!sdl.includes('directive @model') && uses('model')) prefix += model;
  return buildSchema(prefix + sdl);
}

function located(body, message, positions) {
  const error = { message };
  if (positions && positions.length) error.locations = positions.map((p) => pythonLocation(body, p));
  return error;
}

function selectOperation(document, operationName) {
  let operation;
  for (const d of document.definitions) {
    if (d.kind !== 'OperationDefinition') continue;
    if (operationName == null) {
      if (operation) return { error: 'Must provide operation name if query contains multiple operations.' };
      operation = d;
    } else if (d.name && d.name.value === operationName) {
      operation = d;
    }
  }
  if (!operation) return { error: operationName != null ? `Unknown operation named '${operationName}'.` : 'Must provide an operation.' };
  return { operation };
}

// graphql-js's coerceInputValue with Python's type tests, as graphql-core runs it: an input
// object must be a dict (not a list), a list value a list.
function coerceInputValue(value, type, onError, path = []) {
  if (isNonNullType(type)) {
    if (value != null) return coerceInputValue(value, type.ofType, onError, path);
    onError(path, value, new GraphQLError(`Expected non-nullable type "${String(type)}" not to be null.`));
    return undefined;
  }
  if (value == null) return null;
  if (isListType(type)) {
    if (Array.isArray(value)) return value.map((item, i) => coerceInputValue(item, type.ofType, onError, [...path, i]));
    return [coerceInputValue(value, type.ofType, onError, path)];
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) {
      onError(path, value, new GraphQLError(`Expected type "${type.name}" to be an object.`));
      return undefined;
    }
    const fields = type.getFields();
    const result = {};
    for (const field of Object.values(fields)) {
      if (!Object.prototype.hasOwnProperty.call(value, field.name)) {
        if (field.defaultValue !== undefined) result[field.name] = field.defaultValue;
        else if (isNonNullType(field.type))
          onError(path, value, new GraphQLError(`Field "${field.name}" of required type "${String(field.type)}" was not provided.`));
        continue;
      }
      result[field.name] = coerceInputValue(value[field.name], field.type, onError, [...path, field.name]);
    }
    for (const key of Object.keys(value))
      if (!fields[key])
        onError(path, value, new GraphQLError(`Field "${key}" is not defined by type "${type.name}".` + didYouMean(suggestionList(key, Object.keys(fields)))));
    return result;
  }
  if (isLeafType(type)) {
    let result;
    try {
      result = type.parseValue(value);
    } catch (error) {
      onError(path, value, error instanceof GraphQLError ? error : new GraphQLError(`Expected type "${type.name}". ${error.message}`));
      return undefined;
    }
    if (result === undefined) onError(path, value, new GraphQLError(`Expected type "${type.name}".`));
    return result;
  }
  return undefined;
}

function printPath(path) {
  return path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
}

function coerceVariables(schema, body, operation, inputs) {
  const errors = [];
  const abort = {};
  const report = (message, node) => {
    if (errors.length >= 50) {
      errors.push({ message: 'Too many errors processing variables, error limit reached. Execution aborted.' });
      throw abort;
    }
    errors.push(located(body, message, node ? [node.loc.start] : []));
  };
  try {
    for (const def of operation.variableDefinitions) {
      const name = def.variable.name.value;
      const type = typeFromAST(schema, def.type);
      if (!isInputType(type)) {
        report(`Variable '$${name}' expected value of type '${print(def.type)}' which cannot be used as an input type.`, def.type);
        continue;
      }
      if (inputs == null || !Object.prototype.hasOwnProperty.call(inputs, name)) {
        if (!def.defaultValue && isNonNullType(type)) report(`Variable '$${name}' of required type '${String(type)}' was not provided.`, def);
        continue;
      }
      const value = inputs[name];
      if (value === null && isNonNullType(type)) {
        report(`Variable '$${name}' of non-null type '${String(type)}' must not be null.`, def);
        continue;
      }
      coerceInputValue(value, type, (path, invalidValue, error) => {
        let prefix = `Variable '$${name}' got invalid value ${pythonRepr(invalidValue)}`;
        if (path.length > 0) prefix += ` at '${name}${printPath(path)}'`;
        report(prefix + '; ' + coreCoercionMessage(error.message, invalidValue), def);
      });
    }
  } catch (e) {
    if (e !== abort) throw e;
  }
  return errors;
}

// The errors graphql-core gives for a request: parse, validate, select, coerce.
export function checkRequest(schema, body, variables, operationName) {
  let document;
  try {
    document = parse(body);
  } catch (e) {
    if (!(e instanceof GraphQLError)) throw e;
    return [located(body, coreMessage(e.message), e.positions)];
  }
  let validationErrors;
  try {
    validationErrors = validate(schema, document, specifiedRules);
  } catch (e) {
    if (!(e instanceof GraphQLError)) throw e;
    return [located(body, coreMessage(e.message), e.positions)];
  }
  if (validationErrors.length)
    return validationErrors.map((e) => located(body, coreMessage(e.message), e.positions));
  const selected = selectOperation(document, operationName);
  if (selected.error) return [{ message: selected.error }];
  return coerceVariables(schema, body, selected.operation, variables);
}
