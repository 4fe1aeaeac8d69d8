// Every visible string written in web/js outside web/js/lang, as JSON for
// tests/web/test_visible_text.py: parsed with espree (ESLint's own parser, in node_modules),
// not matched by pattern. "Visible" is what a person reads or hears: a text child of h(),
// an aria-label / aria-description / title / placeholder / alt / label attribute given to h()
// or setAttribute(), and .textContent / .title / .placeholder / .ariaLabel set to a literal.
// A literal counts when it holds a letter; template literals count by their fixed parts.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as espree from 'espree';

const root = process.argv[2];
const SPOKEN = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label']);
const PROPS = new Set(['textContent', 'innerText', 'title', 'placeholder', 'ariaLabel', 'alt']);
const LETTER = /\p{L}/u;

/** @param {any} node @returns {string | null} the fixed text a literal shows */
const text = (node) => {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked).join('…');
  if (node.type === 'ConditionalExpression') return text(node.consequent) ?? text(node.alternate);
  if (node.type === 'LogicalExpression') return text(node.right) ?? text(node.left);
  return null;
};

const files = (dir) =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'lang' ? [] : files(p);
    return f.endsWith('.js') ? [p] : [];
  });

const found = [];
for (const file of files(join(root, 'web', 'js'))) {
  const source = readFileSync(file, 'utf8');
  const ast = espree.parse(source, { ecmaVersion: 2024, sourceType: 'module', loc: true });
  const report = (node, what) => {
    const shown = text(node);
    if (shown != null && LETTER.test(shown))
      found.push({ file: relative(root, file), line: node.loc.start.line, what, text: shown });
  };
  const walk = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'CallExpression') {
      const callee = node.callee;
      if (callee.type === 'Identifier' && callee.name === 'h') {
        node.arguments.slice(2).forEach((a) => {
          report(a, 'text child of h()');
          if (a.type === 'ArrayExpression') a.elements.forEach((e) => report(e, 'text child of h()'));
        });
        const attrs = node.arguments[1];
        if (attrs?.type === 'ObjectExpression')
          for (const p of attrs.properties) {
            const key = p.key?.name ?? p.key?.value;
            if (SPOKEN.has(key)) report(p.value, `${key} attribute`);
          }
      }
      if (callee.type === 'MemberExpression' && callee.property.name === 'setAttribute') {
        const [name, value] = node.arguments;
        if (SPOKEN.has(name?.value)) report(value, `${name.value} attribute`);
      }
    }
    if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression') {
      if (PROPS.has(node.left.property.name)) report(node.right, `.${node.left.property.name}`);
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc' || key === 'range') continue;
      if (Array.isArray(child)) child.forEach(walk);
      else if (child && typeof child === 'object') walk(child);
    }
  };
  walk(ast);
}
process.stdout.write(JSON.stringify(found));
