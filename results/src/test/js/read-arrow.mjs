// Reads one Arrow IPC file with the JavaScript Arrow implementation and prints what it saw as
// one JSON object, for ArrowJsInteropTest to compare with what the Java writer wrote.
//
// usage: node read-arrow.mjs FILE [ROW...]
//   numRows, numBatches  rows and record batches the JS reader found
//   columns              column names in order
//   fields               per column: Arrow type as JS prints it, nullability, field metadata
//   metadata             the schema's custom metadata (the gossipbench.* provenance keys)
//   head                 per column, the values of the first rows
//   rows                 for each ROW index given, that row as {column: value}
// int64 values arrive as BigInt and are printed as decimal strings (JSON has no 64-bit integer);
// nulls stay null.
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';

const HEAD_ROWS = 5;

const [file, ...rowArgs] = process.argv.slice(2);
if (!file) {
  console.error('usage: node read-arrow.mjs FILE [ROW...]');
  process.exit(2);
}

const table = tableFromIPC(readFileSync(file));
const names = table.schema.fields.map((f) => f.name);
const mapToObject = (m) => Object.fromEntries(m ?? new Map());

const head = {};
for (const name of names) {
  const column = table.getChild(name);
  const values = [];
  for (let i = 0; i < Math.min(HEAD_ROWS, table.numRows); i++) {
    values.push(column.get(i));
  }
  head[name] = values;
}

const rows = {};
for (const arg of rowArgs) {
  const i = Number(arg);
  if (!Number.isInteger(i) || i < 0 || i >= table.numRows) {
    console.error(`row ${arg} is not in 0..${table.numRows - 1}`);
    process.exit(2);
  }
  rows[arg] = Object.fromEntries(names.map((name) => [name, table.getChild(name).get(i)]));
}

const result = {
  numRows: table.numRows,
  numBatches: table.batches.length,
  columns: names,
  fields: table.schema.fields.map((f) => ({
    name: f.name,
    type: String(f.type),
    nullable: f.nullable,
    metadata: mapToObject(f.metadata),
  })),
  metadata: mapToObject(table.schema.metadata),
  head,
  rows,
};

process.stdout.write(
  JSON.stringify(result, (_key, value) => (typeof value === 'bigint' ? value.toString() : value)) +
    '\n',
);
