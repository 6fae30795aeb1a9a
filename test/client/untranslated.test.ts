import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const CLIENT = fileURLToPath(new URL('../../client', import.meta.url));

/** Attributes a person reads or hears: their text must come from the translations. */
const READ_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt', 'label', 'text', 'confirmLabel']);

/** Text with a letter in it (symbols such as `×`, `+`, `…` and `%` need no translation). */
const WORDY = /\p{L}/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') ? [path] : [];
  });
}

/** String literals an expression can evaluate to directly (`a ? 'x' : 'y'`, `a && 'x'`, `a || 'x'`, `` `x ${a}` ``). */
function literalsOf(node: ts.Node): ts.Node[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node];
  if (ts.isTemplateExpression(node)) return [node.head, ...node.templateSpans.map((span) => span.literal)];
  if (ts.isParenthesizedExpression(node)) return literalsOf(node.expression);
  if (ts.isConditionalExpression(node)) return [...literalsOf(node.whenTrue), ...literalsOf(node.whenFalse)];
  if (ts.isBinaryExpression(node) && [ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(node.operatorToken.kind)) {
    return [...literalsOf(node.left), ...literalsOf(node.right)];
  }
  return [];
}

function literalText(node: ts.Node): string {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) return node.text;
  return node.getText();
}

/**
 * English (or any) words written straight into JSX: text between tags, the read attributes above,
 * and literals a JSX expression renders. Returns `line: text` for each.
 */
export function untranslatedIn(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    if (!WORDY.test(text)) return;
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push(`${line + 1}: ${text.trim()}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(file)) && node.initializer) {
      const init = node.initializer;
      if (ts.isStringLiteral(init)) report(init, init.text);
      else if (ts.isJsxExpression(init) && init.expression) for (const literal of literalsOf(init.expression)) report(literal, literalText(literal));
    } else if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const literal of literalsOf(node.expression)) report(literal, literalText(literal));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('untranslated text in client/', () => {
  it('finds words written into JSX text, read attributes and rendered literals', () => {
    const sample = `
      export function Sample({ busy, name }: { busy: boolean; name: string }) {
        return (
          <div title="Board tools" className="toolbar">
            Save record
            <button aria-label={busy ? 'Working' : t('ok')}>{busy ? 'Saving…' : t('save')}</button>
            <input placeholder={\`Hello \${name}\`} />
            <span>{'×'} {t('x')} %</span>
          </div>
        );
      }`;
    expect(untranslatedIn('Sample.tsx', sample)).toEqual(['4: Board tools', '5: Save record', '6: Working', '6: Saving…', '7: Hello']);
  });

  it('leaves no text a person reads outside the translations', () => {
    const found = tsxFiles(CLIENT).flatMap((path) =>
      untranslatedIn(path, readFileSync(path, 'utf8')).map((hit) => `${relative(CLIENT, path)}:${hit}`),
    );
    expect(found).toEqual([]);
  });
});
