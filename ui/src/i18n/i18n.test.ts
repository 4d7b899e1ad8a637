// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { catalogues, namespaces } from './catalogues';

type Tree = { [key: string]: string | Tree };

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every key of a catalogue as a dotted path, plural forms folded into their base key. */
function keys(tree: Tree, prefix = ''): Set<string> {
  const all = new Set<string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      all.add(path.replace(PLURAL, ''));
    } else {
      keys(value, path).forEach(k => all.add(k));
    }
  }
  return all;
}

function values(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [[path, value] as [string, string]] : values(value, path);
  });
}

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'locales' ? [] : sources(path);
    }
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('the catalogues', () => {
  for (const ns of namespaces) {
    it(`${ns}: English and Chinese hold the same keys`, () => {
      const en = keys(catalogues.en[ns] as Tree);
      const zh = keys(catalogues['zh-CN'][ns] as Tree);
      expect([...en].filter(k => !zh.has(k)), 'missing in zh-CN').toEqual([]);
      expect([...zh].filter(k => !en.has(k)), 'missing in en').toEqual([]);
    });

    it(`${ns}: no empty text, and the Chinese catalogue is Chinese`, () => {
      for (const [key, text] of values(catalogues.en[ns] as Tree)) {
        expect(text.trim(), `en ${ns}:${key}`).not.toBe('');
      }
      const untranslated = values(catalogues['zh-CN'][ns] as Tree).filter(([key, text]) => {
        const english = values(catalogues.en[ns] as Tree).find(([k]) => k === key)?.[1];
        // the same text in both is fine only for names and what has no words (units, symbols, product names)
        return text === english && /[a-z]{3,}\s+[a-z]{3,}/i.test(text) && !/^languages\./.test(key);
      });
      expect(untranslated.map(([key]) => key), 'English left in zh-CN').toEqual([]);
    });
  }

  it('every key the code asks for exists', () => {
    const missing: string[] = [];
    for (const file of sources()) {
      const text = readFileSync(file, 'utf8');
      const ns = /useTranslation\(\s*'([a-zA-Z-]+)'/.exec(text)?.[1] ?? 'common';
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.:-]+)'/g)) {
        const [keyNs, key] = match[1].includes(':') ? match[1].split(':') : [ns, match[1]];
        const catalogue = (catalogues.en as Record<string, Tree>)[keyNs];
        if (!catalogue || !keys(catalogue).has(key)) {
          missing.push(`${relative(root, file)}: ${keyNs}:${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('no user-visible text is written into the code', () => {
    const found: string[] = [];
    for (const file of sources()) {
      readFileSync(file, 'utf8').split('\n').forEach((line, index) => {
        const where = `${relative(root, file)}:${index + 1}`;
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) {
          return;
        }
        if (/[\u4e00-\u9fff]/.test(line)) {
          found.push(`${where} Chinese text`);
        }
        // text between JSX tags: >Some words<
        for (const match of line.matchAll(/(?<![/=])>([^<>{}]*)</g)) {
          if (/[A-Za-z]{2,}/.test(match[1]) && /^[\s\w.,!?'’:;-]+$/.test(match[1])) {
            found.push(`${where} "${match[1].trim()}"`);
          }
        }
        // text in the props people read
        for (const match of line.matchAll(/\b(title|placeholder|label|aria-label|alt|tip|okText|cancelText|message|description|subTitle)="([^"]*[A-Za-z][^"]*)"/g)) {
          found.push(`${where} ${match[1]}="${match[2]}"`);
        }
      });
    }
    expect(found).toEqual([]);
  });
});
