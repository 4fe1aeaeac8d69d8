// The pages' string tables as JSON, for tests/web/test_language.py: every web/js/lang/*.js
// module's default export (each imported as the browser would), with each language's CLDR
// plural categories from this node's Intl. A value that is not data (a function, a number)
// comes out as {"not data": its type}.
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
const out = { tables: {}, plurals: {} };
const data = (v) =>
  typeof v === 'string' ||
  (v && typeof v === 'object' && Object.values(v).every((f) => typeof f === 'string'));
for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
  const table = (await import(pathToFileURL(`${dir}/${file}`).href)).default;
  out.tables[file.slice(0, -3)] = Object.fromEntries(
    Object.entries(table).map(([k, v]) => [k, data(v) ? v : { 'not data': typeof v }]),
  );
  const code = file.split(/[-.]/)[0];
  out.plurals[code] = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
}
process.stdout.write(JSON.stringify(out));
